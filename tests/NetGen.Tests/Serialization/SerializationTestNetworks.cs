namespace NetGen.Tests.Networks;

/// <summary>
/// The module <c>fc1 = torch.nn.Linear(2, 2); fc2 = torch.nn.Linear(2, 1)</c>: its state_dict holds fc1.weight [2, 2],
/// fc1.bias [2], fc2.weight [1, 2], fc2.bias [1], 9 values, small enough to write a safetensors file by hand.
/// </summary>
[Network(Seed = 51)]
public partial class TinyNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Activation.Tanh, Name = "fc1")] public partial DenseLayer Hidden { get; }
    [Dense(1, Name = "fc2")] public partial DenseLayer Out { get; }
}

/// <summary>A tensor-name prefix with characters JSON must escape (tab, quote, backslash, U+001F) and one it must not (é).</summary>
[Network(Seed = 52)]
public partial class EscapedNameNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(1, Name = "tab\t\"q\"\\é\u001f")] public partial DenseLayer Out { get; }
}

/// <summary>Names whose UTF-16 order (U+D83D… before U+FF21) is the reverse of their UTF-8 order (EF BC A1 before F0 9F…).</summary>
[Network(Seed = 53)]
public partial class UnicodeNameNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Name = "\U0001F600")] public partial DenseLayer Smile { get; }
    [Dense(1, Name = "\uFF21")] public partial DenseLayer FullwidthA { get; }
}
