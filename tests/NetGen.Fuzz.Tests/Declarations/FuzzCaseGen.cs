using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using NetGen.Model;

namespace NetGen.Fuzz.Tests.Declarations;

/// <summary>
/// Fuzz cases: a valid network (<see cref="ValidNetworkGen"/>), then, in most cases, one fault put into it. Each
/// NG fault knows the NG1xxx id it must produce; where a fault does not fit the drawn network (no hidden dense
/// layer to make softmax, say) a non-positive size is put in instead, so every case still has its expectation.
/// </summary>
internal static class FuzzCaseGen
{
    private static readonly Fault[] DefinitionFaults = Enum.GetValues<Fault>().Where(f => f > Fault.None && f < Fault.SyntaxError).ToArray();

    private static readonly Fault[] CSharpFaults = Enum.GetValues<Fault>().Where(f => f >= Fault.SyntaxError).ToArray();

    /// <summary>About 40% valid, 45% with a definition fault, 15% with broken C#.</summary>
    private static readonly Gen<Fault> Faults = Gen.Frequency(
        (40, Gen.Const(Fault.None)),
        (45, Gen.OneOf(DefinitionFaults)),
        (15, Gen.OneOf(CSharpFaults)));

    private static readonly LayerType[] RecurrentTypes = [LayerType.Recurrent, LayerType.Lstm, LayerType.Gru];

    public static readonly Gen<FuzzCase> Cases = Gen.Select(ValidNetworkGen.Networks, Faults, Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20], Apply);

    public static FuzzCase Apply(NetworkDeclaration network, Fault fault, int pick, int variant)
    {
        var layers = network.Layers.ToList();
        int count = layers.Count;
        int anyLayer = pick % count;
        int hidden = 1 + pick % (count - 1);
        LayerDeclaration last = layers[count - 1];
        int[] denseLayers = Enumerable.Range(1, count - 1).Where(i => layers[i].Type == LayerType.Dense).ToArray();
        int? dense = denseLayers.Length == 0 ? null : denseLayers[pick % denseLayers.Length];
        int[] activatable = Enumerable.Range(1, count - 2).Where(i => layers[i].Type is LayerType.Dense or LayerType.Recurrent).ToArray();

        NetworkDeclaration With(int index, Func<LayerDeclaration, LayerDeclaration> change)
        {
            layers[index] = change(layers[index]);
            return network with { Layers = layers };
        }

        FuzzCase Case(NetworkDeclaration declaration, string? id) => new(declaration, fault, id);

        switch (fault)
        {
            case Fault.None:
                return Case(network, null);
            case Fault.TooWide:
                return Case(With(anyLayer, l => l with { Units = new[] { int.MaxValue, Limits.MaxLayerSize + 1, 1 << 30 }[variant % 3] }), DiagnosticIds.TooLarge);
            case Fault.TooManyParameters:
                With(0, l => l with { Units = 1_000_000 });
                return Case(With(1, l => l with { Units = 1_000 }), DiagnosticIds.TooLarge);
            case Fault.UndefinedEnum:
                // 11 is one past the last activation (Silu); Init's members end at 5, Loss's at 2.
                int undefined = new[] { 11, -1, 99, int.MaxValue }[variant % 4];
                if (variant % 3 == 0) return Case(network with { Loss = variant % 2 == 0 ? 3 : -1, WriteLoss = true }, DiagnosticIds.UndefinedEnumValue);
                return Case(With(hidden, l => l.Type is LayerType.Lstm or LayerType.Gru || variant % 3 == 1 ? l with { Init = undefined } : l with { Activation = undefined }), DiagnosticIds.UndefinedEnumValue);
            case Fault.InputNotFirst:
                (layers[0], layers[1]) = (layers[1], layers[0]);
                return Case(network with { Layers = layers }, DiagnosticIds.InputNotFirst);
            case Fault.MissingInput:
                layers.RemoveAt(0);
                return Case(network with { Layers = layers, SplitAt = 0 }, DiagnosticIds.MissingInput);
            case Fault.NoLayers:
                return Case(network with { Layers = layers.Take(1).ToArray(), SplitAt = 0 }, DiagnosticIds.NoLayers);
            case Fault.WrongPropertyType:
                // Every other view type, RecurrentLayer (the base of LstmLayer and GruLayer) included.
                string[] types = ["int", "object", "string", .. new[] { "InputLayer", "DenseLayer", "RecurrentLayer", "LstmLayer", "GruLayer", "ConvLayer", "PoolingLayer" }
                    .Where(t => t != layers[anyLayer].LayerTypeName).Select(t => "global::NetGen." + t)];
                string type = types[variant % types.Length];
                return Case(With(anyLayer, l => l with { PropertyType = type }), DiagnosticIds.WrongPropertyType);
            case Fault.PropertyNotPartial:
                return Case(With(anyLayer, l => (variant % 3) switch
                {
                    0 => l with { Partial = false },
                    1 => l with { Accessors = "{ get; set; }" },
                    _ => l with { Modifiers = l.Modifiers + " static" },
                }), DiagnosticIds.PropertyNotPartial);
            case Fault.SoftmaxNotLast when activatable.Length > 0:
                return Case(With(activatable[pick % activatable.Length], l => l with { Activation = 8 }), DiagnosticIds.SoftmaxNotLast);
            case Fault.LossMismatch:
                if (last.Type != LayerType.Dense) return Case(network with { Loss = 2, WriteLoss = true }, DiagnosticIds.LossOutputMismatch);
                int mismatched = network.Loss switch { 2 => 2, 1 => 3, _ => 8 };
                return Case(With(count - 1, l => l with { Activation = mismatched }), DiagnosticIds.LossOutputMismatch);
            case Fault.DuplicateName when count > 2:
                With(count - 1, l => l with { Name = "dup" });
                return Case(With(hidden == count - 1 ? 1 : hidden, l => l with { Name = "dup" }), DiagnosticIds.DuplicateTensorName);
            case Fault.ResidualUnknown when dense is { } index:
                return Case(With(index, l => l with { Residual = "Nope", ResidualAsString = true }), DiagnosticIds.ResidualUnknown);
            case Fault.ResidualNotEarlier when dense is { } index:
                return Case(With(index, l => l with { Residual = l.Property, ResidualAsString = variant % 2 == 0 }), DiagnosticIds.ResidualNotEarlier);
            case Fault.ResidualSizeMismatch when dense is { } index:
                LayerDeclaration previous = layers[index - 1];
                return Case(With(index, l => l with { Residual = previous.Property, Units = previous.Units + 1 }), DiagnosticIds.ResidualSizeMismatch);
            case Fault.ContainingTypeNotPartial:
                return Case(network with { Outers = network.Outers.Prepend(new OuterType("class", "Plain", Partial: false)).ToArray(), SplitAt = 0 }, DiagnosticIds.ContainingTypeNotPartial);
            case Fault.ClassNotPartial:
                return Case(network with { ClassPartial = false, SplitAt = 0 }, DiagnosticIds.ClassNotPartial);
            case Fault.UnsupportedClassKind:
                return Case((variant % 3) switch
                {
                    0 => network with { ClassModifiers = "public abstract" },
                    1 => network with { ClassModifiers = "public static" },
                    _ => network with { Keyword = "record" },
                }, DiagnosticIds.UnsupportedClassKind);
            case Fault.RecurrentAfterReduction:
                layers.InsertRange(1, [
                    new LayerDeclaration(RecurrentTypes[variant / 3 % 3], "Reduce", 3),
                    new LayerDeclaration(RecurrentTypes[variant % 3], "After", 3)]);
                return Case(network with { Layers = layers }, DiagnosticIds.RecurrentAfterReduction);
            case Fault.ResidualAcrossSequence:
                LayerDeclaration input = layers[0];
                layers.InsertRange(1, [
                    new LayerDeclaration(RecurrentTypes[variant % 3], "Reduce", input.Units),
                    new LayerDeclaration(LayerType.Dense, "Skip", input.Units) { Residual = input.Property }]);
                return Case(network with { Layers = layers }, DiagnosticIds.ResidualAcrossSequence);
            case Fault.ResidualOnProbabilityOutput when last.Type == LayerType.Dense:
                LayerDeclaration beforeLast = layers[count - 2];
                int loss = network.Loss == 0 ? 2 : network.Loss;
                NetworkDeclaration residualOutput = With(count - 1, l => l with { Units = beforeLast.Units, Residual = beforeLast.Property, Activation = loss == 2 ? 8 : 1 });
                return Case(residualOutput with { Loss = loss, WriteLoss = true }, DiagnosticIds.ResidualOnProbabilityOutput);
            case Fault.BadSequenceLength when variant % 2 == 0 && layers.Any(l => l.IsRecurrent):
                return Case(network with { SequenceLength = int.MaxValue }, DiagnosticIds.TooLarge);
            case Fault.BadSequenceLength:
                return Case(network with { SequenceLength = variant % 4 == 1 ? int.MinValue : -1 }, DiagnosticIds.NonPositiveSize);
            case Fault.SyntaxError:
                return Case(network with { Injection = new[] { "{", "(", "\"", "@@", "#error fuzz " }[variant % 5], InjectionLine = pick }, null);
            case Fault.MissingArgument:
                return Case(With(anyLayer, l => l with { RawArguments = variant % 2 == 0 ? "" : "()" }), null);
            case Fault.WrongArgumentType:
                return Case(With(anyLayer, l => l with { RawArguments = new[] { "(\"8\")", "(8.5)", "(true)", "(8, 3, 2, 1)", "(null)" }[variant % 5] }), null);
            case Fault.NameofNothing when dense is { } index:
                return Case(With(index, l => l with { Residual = "Nothing", ResidualAsString = false }), null);
            case Fault.NameofNothing:
                return Case(With(anyLayer, l => l with { RawArguments = "(nameof(Nothing).Length)" }), null);
            case Fault.StructNetwork:
                return Case(network with { Keyword = "struct" }, null);
            default:
                // The fault does not fit this network, or is NonPositiveSize itself.
                int size = new[] { 0, -1, -1000, int.MinValue }[variant % 4];
                return new FuzzCase(With(anyLayer, l => l with { Units = size }), Fault.NonPositiveSize, DiagnosticIds.NonPositiveSize);
        }
    }
}
