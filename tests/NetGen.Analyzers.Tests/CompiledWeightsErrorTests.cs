using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Testing;
using Xunit;
using static NetGen.Testing.SafeTensorsBytes;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG1026–NG1029 (and NG1005) at [Network(Weights)]: each when the file is missing, corrupt, or does not match the
/// network, and none when it matches; the gradient-flow warnings still reported for a network with weights.
/// </summary>
public sealed class CompiledWeightsErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-analyzer-weights-").FullName;

    private const string Network = """
        using NetGen;

        [Network({|#0:Weights = "model.safetensors"|})]
        public partial class SmallNet
        {
            [Input(2)] public partial InputLayer In { get; }
            [Dense(3, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public Task NoDiagnosticWhenTheFileMatches() => Verify(Network, [File(SmallDenseNetwork())]);

    [Fact]
    public Task NoDiagnosticForF64AndF16Tensors()
        => Verify(Network, [File(
            new Tensor("Hidden.weight", "F64", [3, 2], new byte[48]), new Tensor("Hidden.bias", "F16", [3], new byte[6]),
            Floats("Out.weight", 1, 3), new Tensor("Out.bias", "BF16", [1], new byte[2]))]);

    [Fact]
    public Task NG1026WhenNoAdditionalFileMatches()
        => Verify(Network, [], Verifier.Diagnostic("NG1026").WithLocation(0).WithArguments("model.safetensors",
            "no AdditionalFiles item of the project ends with this path (add <AdditionalFiles Include=\"model.safetensors\" />; the name must end in .safetensors)"));

    [Fact]
    public async Task NG1026WhenTwoAdditionalFilesMatch()
    {
        byte[] file = File(SmallDenseNetwork());
        string first = Write("a/model.safetensors", file), second = Write("b/model.safetensors", file);
        await Run(Network, [first, second],
            Verifier.Diagnostic("NG1026").WithLocation(0).WithArguments("model.safetensors", $"2 AdditionalFiles items match it ({first}, {second}): give more of the path"));
    }

    [Fact]
    public Task NoDiagnosticWhenMorePathSegmentsPickOneOfTwoFiles()
        => Run(Network.Replace("\"model.safetensors\"", "\"b/model.safetensors\""),
            [Write("a/model.safetensors", []), Write("b/model.safetensors", File(SmallDenseNetwork()))]);

    [Fact]
    public Task NG1027WhenTheHeaderIsNotJson()
        => Verify(Network, [WithHeader("{\"Hidden.weight\": nonsense}", [])], Verifier.Diagnostic("NG1027").WithLocation(0).WithArguments("model.safetensors",
            "The header is not valid JSON: unexpected character 'n' at character 18."));

    [Fact]
    public Task NG1027WhenTheHeaderLengthIsAbsurd()
        => Verify(Network, [[.. BitConverter.GetBytes(ulong.MaxValue), .. "{}"u8]], Verifier.Diagnostic("NG1027").WithLocation(0).WithArguments("model.safetensors",
            "The header length 18446744073709551615 exceeds the limit of 100000000 bytes."));

    [Fact]
    public Task NG1027WhenAnF64ValueIsBeyondFloat32()
        => Verify(Network, [File(new Tensor("Hidden.weight", "F64", [3, 2], [.. new byte[8], .. BitConverter.GetBytes(1e300), .. new byte[32]]),
            Floats("Hidden.bias", 3), Floats("Out.weight", 1, 3), Floats("Out.bias", 1))],
            Verifier.Diagnostic("NG1027").WithLocation(0).WithArguments("model.safetensors", "Tensor 'Hidden.weight': F64 element 1 (1E+300) is beyond the float32 range."));

    [Fact]
    public Task NG1028ForAMissingAndAnExtraTensor()
        => Verify(Network, [File(Floats("Hidden.weight", 3, 2), Floats("Hidden.bias", 3), Floats("Out.weight", 1, 3), Floats("Extra.bias", 2))],
            Verifier.Diagnostic("NG1028").WithLocation(0).WithArguments("model.safetensors", "Out.bias", "is missing: the network expects F32, F16, BF16 or F64 [1]"),
            Verifier.Diagnostic("NG1028").WithLocation(0).WithArguments("model.safetensors", "Extra.bias", "(F32 [2]) is not a tensor of this network"));

    [Fact]
    public Task NG1029ForAWrongShapeAndAWrongDtype()
        => Verify(Network, [File(Floats("Hidden.weight", 2, 3), new Tensor("Hidden.bias", "I32", [3], new byte[12]), Floats("Out.weight", 1, 3), Floats("Out.bias", 1))],
            Verifier.Diagnostic("NG1029").WithLocation(0).WithArguments("model.safetensors", "Hidden.weight", "F32 [2, 3]", "F32, F16, BF16 or F64 [3, 2]"),
            Verifier.Diagnostic("NG1029").WithLocation(0).WithArguments("model.safetensors", "Hidden.bias", "I32 [3]", "F32, F16, BF16 or F64 [3]"));

    [Fact]
    public Task NG1005WhenTheWeightsWouldCompileInTooManyValues()
        => Verify(Network.Replace("[Input(2)]", "[Input(4096)]").Replace("[Dense(3, Activation.Tanh)]", "[Dense(4096, Activation.Tanh)]"), [File(SmallDenseNetwork())],
            Verifier.Diagnostic("NG1005").WithLocation(0).WithArguments("Weights", "16785409 compiled-in values", "8388608 compiled-in values"));

    [Fact]
    public Task GradientFlowWarningsAreStillReportedForANetworkWithWeights()
    {
        const string deep = """
            using NetGen;

            [Network({|#0:Loss = Loss.MeanSquaredError|}, Weights = "model.safetensors")]
            public partial class SigmoidOutNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(3, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        return Verify(deep, [File(SmallDenseNetwork())], Verifier.Warning("NG0007").WithLocation(0));
    }

    private Task Verify(string source, byte[][] files, params DiagnosticResult[] expected)
    {
        string[] paths = new string[files.Length];
        for (int i = 0; i < files.Length; i++) paths[i] = Write(i == 0 ? "model.safetensors" : $"other{i}.safetensors", files[i]);
        return Run(source, paths, expected);
    }

    private static Task Run(string source, string[] paths, params DiagnosticResult[] expected)
    {
        var test = new Verifier.AnalyzerTest { TestCode = source };
        // The analyzer reads a weights file from its path, as the generator does: these are real files.
        foreach (string path in paths) test.TestState.AdditionalFiles.Add((path, ""));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private string Write(string relativePath, byte[] bytes)
    {
        string path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }
}
