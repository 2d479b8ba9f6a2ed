using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// [Network(Weights)]: the file's tensors compiled in, so that the parameterless constructor equals SafeTensors.Load of
/// the same file, bit for bit, for every dtype the file may hold; the seed constructor still draws random weights.
/// </summary>
public sealed class CompiledWeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-weights-").FullName;

    /// <summary>A network with buffers and a counter (batch normalisation), and a layer renamed by Name.</summary>
    internal static string Source(string? weights) => $$"""
        using NetGen;

        [Network(Loss = Loss.BinaryCrossEntropy, Seed = 3{{(weights is null ? "" : $", Weights = \"{weights}\"")}})]
        public partial class ShippedNet
        {
            [Input(3)]                                      public partial InputLayer In { get; }
            [Dense(5, Activation.Relu, Name = "hidden")]    public partial DenseLayer Hidden { get; }
            [BatchNorm]                                     public partial BatchNormLayer Norm { get; }
            [Dense(1, Activation.Sigmoid)]                  public partial DenseLayer Out { get; }
        }
        """;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(TensorDtype.F32)]
    [InlineData(TensorDtype.F16)]
    [InlineData(TensorDtype.BF16)]
    public void TheParameterlessConstructorHoldsTheFilesTensorsExactly(TensorDtype dtype)
    {
        string file = SaveTrained("trained.safetensors", dtype);
        Type type = CompiledType(file, "trained.safetensors");

        var compiled = (INetwork)Activator.CreateInstance(type)!;
        var loaded = (INetwork)Activator.CreateInstance(type, 99)!;
        SafeTensors.Load(loaded, file);

        Assert.Equal(loaded.Parameters.ToArray(), compiled.Parameters.ToArray());
        Assert.Equal(loaded.Buffers.ToArray(), compiled.Buffers.ToArray());
        Assert.Equal(loaded.Counters.ToArray(), compiled.Counters.ToArray());
        Assert.Equal(12, compiled.Counters[0]);
        Assert.NotEqual(compiled.Parameters.ToArray(), ((INetwork)Activator.CreateInstance(type, 3)!).Parameters.ToArray());
    }

    [Fact]
    public void TheInferenceFormOfTheDefaultInstanceComputesWithTheCompiledWeights()
    {
        string file = SaveTrained("trained.safetensors", TensorDtype.F32);
        Type type = CompiledType(file, "trained.safetensors");
        var net = (INetwork)Activator.CreateInstance(type)!;
        object inference = type.GetMethod("ToInference")!.Invoke(net, null)!;

        float[] input = [0.5f, -1f, 2f], expected = new float[1], actual = new float[1];
        net.Forward(input, expected);
        InvokeForward(inference, input, actual);

        Assert.Equal(expected[0], actual[0], 5);
    }

    [Fact]
    public void AFileThatDoesNotMatchGivesThrowingStubsNotRandomWeights()
    {
        string file = SaveTrained("trained.safetensors", TensorDtype.F32);
        (Compilation _, GeneratorDriverRunResult result) = GeneratorHarness.Generate(
            GeneratorHarness.CreateCompilation(Source("trained.safetensors").Replace("[Dense(5,", "[Dense(6,")), file);

        GeneratedSourceResult generated = Assert.Single(result.Results.Single().GeneratedSources);
        string text = generated.SourceText.ToString();
        Assert.Contains("NG1029", text);
        Assert.Contains("throw _InvalidDefinition()", text);
    }

    [Fact]
    public void TheWeightsAreAUtf8LiteralOfBase64InTheirOwnFile()
    {
        string file = SaveTrained("trained.safetensors", TensorDtype.F16);
        (Compilation _, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(Source("trained.safetensors")), file);

        GeneratedSourceResult[] sources = result.Results.Single().GeneratedSources.ToArray();
        Assert.Equal(["ShippedNet.g.cs", "ShippedNet.Weights.g.cs"], sources.Select(source => source.HintName).Order());
        string weights = sources.Single(source => source.HintName == "ShippedNet.Weights.g.cs").SourceText.ToString();
        Assert.Contains("// hidden.weight: F16 [5, 3] in the file, Parameters[0..15)", weights);
        Assert.Contains("\"\"\"u8, _parameters.Span.Slice(0, 15));", weights);
        Assert.Contains("// Norm.num_batches_tracked: I64 [] in the file, Counters[0..1)", weights);
        Assert.Contains("_counters[0] = 12L;", weights);
    }

    /// <summary>A trained-looking file: seed-7 parameters, running statistics moved from their defaults, 12 batches tracked.</summary>
    internal static string SaveTrained(string name, TensorDtype dtype, string? directory = null)
    {
        Type plain = GeneratorHarness.CompileAndLoad(Source(null)).GetType("ShippedNet")!;
        var net = (INetwork)Activator.CreateInstance(plain, 7)!;
        for (int i = 0; i < net.Buffers.Length; i++) net.Buffers[i] = 0.25f * (i + 1);
        net.Counters[0] = 12;
        string path = Path.Combine(directory ?? Directory.CreateTempSubdirectory("netgen-weights-").FullName, name);
        SafeTensors.Save(net, path, dtype);
        return path;
    }

    private Type CompiledType(string file, string weights)
    {
        string copy = Path.Combine(_directory, Path.GetFileName(file));
        File.Copy(file, copy, overwrite: true);
        Assembly assembly = GeneratorHarness.CompileAndLoadWith([copy], Source(weights));
        return assembly.GetType("ShippedNet")!;
    }

    private static void InvokeForward(object inference, float[] input, float[] output)
    {
        // Spans cannot go through reflection: the generated Inference has the network's Forward signature, so call it through a delegate.
        MethodInfo forward = inference.GetType().GetMethods().Single(method => method.Name == "Forward" && method.GetParameters().Length == 2);
        var call = (ForwardCall)Delegate.CreateDelegate(typeof(ForwardCall), inference, forward);
        call(input, output);
    }

    private delegate void ForwardCall(ReadOnlySpan<float> input, Span<float> output);
}
