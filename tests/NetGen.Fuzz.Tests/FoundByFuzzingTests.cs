using NetGen.Fuzz.Tests.Declarations;
using NetGen.Model;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>Declarations the fuzzer broke the generator with, kept as fixed cases through the same oracle.</summary>
public class FoundByFuzzingTests
{
    private static readonly NetworkDeclaration Small = new([
        new LayerDeclaration(LayerType.Input, "In", 3),
        new LayerDeclaration(LayerType.Dense, "Out", 2)]);

    private static NetworkDeclaration Lstm(float forgetBias, int? sequenceLength = null) => new([
        new LayerDeclaration(LayerType.Input, "In", 3),
        new LayerDeclaration(LayerType.Lstm, "Memory", 4) { MemoryBias = forgetBias, ReturnSequences = true },
        new LayerDeclaration(LayerType.Dense, "Out", 2)])
    {
        SequenceLength = sequenceLength,
    };

    /// <summary>A class, an enclosing type or a type parameter named with a keyword was written without its @.</summary>
    [Theory]
    [InlineData("@class", "Outer")]
    [InlineData("Net<@int>", "Outer")]
    [InlineData("Net", "@event")]
    public void KeywordNamesAreEscaped(string className, string outerName)
        => FuzzOracle.Check(Valid(Small with { ClassName = className, Outers = [new OuterType("class", outerName)] }));

    /// <summary>A NaN or infinite ForgetBias was written as NaNf or ∞f, which does not compile.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteForgetBiasCompiles(float forgetBias) => FuzzOracle.Check(Valid(Lstm(forgetBias)));

    /// <summary>SequenceLength × buffer width overflowed int in the generator and gave arrays of negative size.</summary>
    [Fact]
    public void HugeSequenceLengthIsTooLarge()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, int.MaxValue), Fault.BadSequenceLength, DiagnosticIds.TooLarge));

    [Fact]
    public void NegativeSequenceLengthIsReported()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, -1), Fault.BadSequenceLength, DiagnosticIds.NonPositiveSize));

    /// <summary>The widest buffer just within the bound: 2^28 / 16 steps of a 4-unit LSTM's 16 gate rows.</summary>
    [Fact]
    public void SequenceLengthAtTheBoundIsValid() => FuzzOracle.Check(Valid(Lstm(0f, (int)(Limits.MaxParameterCount / 16))));

    [Fact]
    public void SequenceLengthJustAboveTheBoundIsTooLarge()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, (int)(Limits.MaxParameterCount / 16) + 1), Fault.BadSequenceLength, DiagnosticIds.TooLarge));

    /// <summary>
    /// A first layer that is not an input read the output shape of the layer before it, index −1: the parser threw
    /// ArgumentOutOfRangeException instead of reporting NG1002 or NG1003 (since layer shapes came with the layer-kind descriptors).
    /// </summary>
    [Theory]
    [InlineData(nameof(LayerType.Dense))]
    [InlineData(nameof(LayerType.Gru))]
    [InlineData(nameof(LayerType.Lstm))]
    public void FirstLayerThatIsNoInputIsReported(string first)
    {
        var layer = new LayerDeclaration(System.Enum.Parse<LayerType>(first), "First", 3) { ReturnSequences = true };
        FuzzOracle.Check(new FuzzCase(new NetworkDeclaration([layer]), Fault.MissingInput, DiagnosticIds.MissingInput));
        FuzzOracle.Check(new FuzzCase(new NetworkDeclaration([layer, new LayerDeclaration(LayerType.Input, "In", 2), new LayerDeclaration(LayerType.Dense, "Out", 1)]),
            Fault.InputNotFirst, DiagnosticIds.InputNotFirst));
    }

    private static FuzzCase Valid(NetworkDeclaration declaration) => new(declaration, Fault.None, null);
}
