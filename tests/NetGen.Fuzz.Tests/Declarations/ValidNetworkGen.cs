using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace NetGen.Fuzz.Tests.Declarations;

/// <summary>
/// CsCheck generators of network declarations that are valid by construction: sizes, activations, inits,
/// names, residuals and recurrent layers are drawn at random and then made consistent (the loss matches the
/// output, only the last recurrent layer may drop its sequence, a residual names a same-size earlier layer),
/// and the class is wrapped at random (namespaces, nested and generic types, two partial files).
/// </summary>
internal static class ValidNetworkGen
{
    /// <summary>Layer widths: mostly small (unrolled code), some wide enough for loops (above 256 weights).</summary>
    private static readonly Gen<int> Units = Gen.Frequency((5, Gen.Int[1, 4]), (2, Gen.Int[5, 16]), (2, Gen.Int[17, 40]));

    /// <summary>Every activation but softmax (8), which only an output layer may have: Linear … Softplus (0–7), Selu (9), Silu (10).</summary>
    private static readonly Gen<int> HiddenActivation = Gen.Frequency((8, Gen.Int[0, 7]), (2, Gen.OneOf(9, 10)));

    private static readonly Gen<int> InitValue = Gen.Frequency((3, Gen.Const(0)), (2, Gen.Int[1, 5]));

    private static readonly string[] PropertyPrefixes = ["L", "Layer_", "Ü", "h"];

    private static readonly string[] KeywordProperties = ["@class", "@event", "@default", "@params"];

    /// <summary>Tensor names are user text: quotes, backslashes, line breaks, spaces, braces, non-ASCII.</summary>
    private static readonly string[] TensorNames = ["t", "x\"q", "b\\s", "n\nl", "ü", "a b", "{0}"];

    /// <summary>The LSTM's ForgetBias and the GRU's UpdateBias: ordinary values and the odd ones (huge, subnormal, NaN, ±∞).</summary>
    private static readonly float[] MemoryBiases = [0f, 1f, -2.5f, 1e30f, float.MaxValue, float.Epsilon, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    private static readonly string[] Modifiers = ["public", "internal", "private", "protected internal"];

    /// <summary>How one layer is spelled, independent of what it means.</summary>
    internal sealed record Spelling(SizeStyle SizeStyle, bool NamedArguments, int Modifier, int PropertyPrefix, bool KeywordProperty, int TensorName, bool HasName);

    /// <summary>What one hidden layer is; Kind 0 is Dense, 1 Recurrent, 2 LSTM, 3 GRU.</summary>
    internal sealed record LayerChoice(int Kind, int Units, int Activation, int Init, int RecurrentInit, bool ReturnSequences, float MemoryBias, bool Residual, Spelling Spelling);

    private static readonly Gen<Spelling> Spellings = Gen.Select(
        Gen.Enum<SizeStyle>(), Gen.Bool, Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3])), Gen.Int[0, PropertyPrefixes.Length - 1],
        Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))), Gen.Int[0, TensorNames.Length - 1], Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))),
        (size, named, modifier, prefix, keyword, tensor, hasName) => new Spelling(size, named, modifier, prefix, keyword, tensor, hasName));

    private static Gen<LayerChoice> Layer(Gen<int> kind) => Gen.Select(
        kind, Units, HiddenActivation, InitValue, InitValue, Gen.Bool, Gen.Int[0, MemoryBiases.Length - 1],
        Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))), Spellings,
        (k, units, activation, init, recurrentInit, sequences, bias, residual, spelling)
            => new LayerChoice(k, units, activation, init, recurrentInit, sequences, MemoryBiases[bias], residual, spelling));

    /// <summary>Where and how the class is declared.</summary>
    internal sealed record Wrapping(NamespaceStyle Namespace, OuterType[] Outers, string ClassName, string Modifiers, bool Split, int SplitPoint, bool Qualified);

    private static readonly Gen<OuterType> Outer = Gen.Select(
        Gen.OneOf("class", "struct", "record", "interface", "record struct"), Gen.OneOf("", "<T>", "<TKey, TValue>"), Gen.Int[0, 99],
        (keyword, parameters, id) => new OuterType(keyword, "Outer" + id + parameters));

    private static readonly Gen<Wrapping> Wrappings = Gen.Select(
        Gen.Enum<NamespaceStyle>(),
        Gen.Frequency((3, Gen.Const(System.Array.Empty<OuterType>())), (2, Outer.Array[1, 2])),
        Gen.OneOf("Net", "Net<T>", "Net<T> where T : struct", "Net<TIn, TOut> where TIn : class, new()", "@struct"),
        Gen.OneOf("public", "internal", "public sealed", "internal sealed"),
        Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))),
        Gen.Int[1, 40],
        Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))),
        (ns, outers, name, modifiers, split, point, qualified) => new Wrapping(ns, DistinctNames(outers), name, modifiers, split, point, qualified));

    /// <summary>Network-level choices: the loss, its spelling, Seed and SequenceLength (edge values included).</summary>
    internal sealed record Settings(int Loss, bool WriteLoss, int? Seed, int? SequenceLength, bool RecurrentOutput, int InputUnits, Spelling InputSpelling);

    private static readonly Gen<Settings> NetworkSettings = Gen.Select(
        Gen.Int[0, 2], Gen.Bool,
        Gen.Frequency((2, Gen.Const((int?)null)), (2, Gen.Int.Select(i => (int?)i)), (1, Gen.OneOf<int?>(0, int.MinValue, int.MaxValue, -1))),
        Gen.Frequency((3, Gen.Const((int?)null)), (2, Gen.Int[0, 12].Select(i => (int?)i)), (1, Gen.Const((int?)100_000))),
        Gen.Bool, Units, Spellings,
        (loss, write, seed, length, recurrentOutput, input, spelling) => new Settings(loss, write || loss != 0, seed, length, recurrentOutput, input, spelling));

    /// <summary>Valid networks: Input, 0–2 recurrent layers (Elman, LSTM, GRU), 0–4 hidden dense layers, an output layer.</summary>
    public static readonly Gen<NetworkDeclaration> Networks = Gen.Select(
        NetworkSettings,
        Layer(Gen.Int[1, 3]).Array[0, 2],
        Layer(Gen.Const(0)).Array[0, 4],
        Layer(Gen.Const(0)),
        Wrappings,
        Build);

    private static OuterType[] DistinctNames(OuterType[] outers)
        => outers.Select((outer, i) => outer with { Name = outer.Name.Replace("Outer", "Outer" + i + "_") }).ToArray();

    private static NetworkDeclaration Build(Settings settings, LayerChoice[] recurrent, LayerChoice[] hidden, LayerChoice output, Wrapping wrapping)
    {
        var usedProperties = new HashSet<string>();
        var layers = new List<LayerDeclaration>
        {
            Spell(new LayerDeclaration(LayerType.Input, PropertyName(settings.InputSpelling, 0, usedProperties), settings.InputUnits), settings.InputSpelling, 0),
        };
        for (int i = 0; i < recurrent.Length; i++)
        {
            LayerChoice choice = recurrent[i];
            bool last = i == recurrent.Length - 1;
            LayerType type = choice.Kind switch { 1 => LayerType.Recurrent, 2 => LayerType.Lstm, _ => LayerType.Gru };
            var layer = new LayerDeclaration(type, PropertyName(choice.Spelling, layers.Count, usedProperties), choice.Units)
            {
                Activation = type == LayerType.Recurrent && choice.Activation != 2 ? choice.Activation : null,
                Init = choice.Init,
                RecurrentInit = choice.RecurrentInit,
                ReturnSequences = !last || choice.ReturnSequences,
                MemoryBias = choice.MemoryBias,
            };
            layers.Add(Spell(layer, choice.Spelling, layers.Count));
        }

        bool recurrentOutput = settings.RecurrentOutput && settings.Loss == 0 && recurrent.Length > 0 && hidden.Length == 0;
        IEnumerable<LayerChoice> dense = recurrentOutput ? hidden : hidden.Append(output);
        foreach (LayerChoice choice in dense)
        {
            bool isOutput = ReferenceEquals(choice, output);
            LayerDeclaration previous = layers[layers.Count - 1];
            bool residual = choice.Residual && !(isOutput && settings.Loss != 0);
            int activation = isOutput ? settings.Loss switch { 1 => 1, 2 => 8, _ => choice.Activation } : choice.Activation;
            var layer = new LayerDeclaration(LayerType.Dense, PropertyName(choice.Spelling, layers.Count, usedProperties), residual ? previous.Units : choice.Units)
            {
                Activation = activation == 0 && choice.Spelling.NamedArguments ? null : activation,
                Init = choice.Init,
                Residual = residual ? previous.Property : null,
                ResidualAsString = residual && choice.Spelling.SizeStyle == SizeStyle.Hex,
            };
            layers.Add(Spell(layer, choice.Spelling, layers.Count));
        }

        return new NetworkDeclaration(layers)
        {
            Loss = settings.Loss,
            WriteLoss = settings.WriteLoss,
            Seed = settings.Seed,
            SequenceLength = settings.SequenceLength,
            ClassName = wrapping.ClassName,
            ClassModifiers = wrapping.Modifiers,
            Namespace = wrapping.Namespace,
            Outers = wrapping.Outers,
            SplitAt = wrapping.Split ? 1 + wrapping.SplitPoint % (layers.Count - 1) : 0,
            Qualified = wrapping.Qualified,
        };
    }

    private static LayerDeclaration Spell(LayerDeclaration layer, Spelling spelling, int index) => layer with
    {
        SizeStyle = spelling.SizeStyle,
        NamedArguments = spelling.NamedArguments,
        Modifiers = Modifiers[spelling.Modifier],
        Name = spelling.HasName && layer.Type != LayerType.Input ? TensorNames[spelling.TensorName] + index : null,
    };

    /// <summary>A unique property name: a prefix and the index, or now and then a keyword written with @.</summary>
    private static string PropertyName(Spelling spelling, int index, HashSet<string> used)
    {
        string keyword = KeywordProperties[spelling.PropertyPrefix % KeywordProperties.Length];
        string name = spelling.KeywordProperty && !used.Contains(keyword) ? keyword : PropertyPrefixes[spelling.PropertyPrefix] + index;
        used.Add(name);
        return name;
    }
}
