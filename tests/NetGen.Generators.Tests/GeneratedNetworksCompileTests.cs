using System;
using System.Linq;
using System.Reflection;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>Every snapshot network compiles, loads, and behaves as its declaration says.</summary>
public class GeneratedNetworksCompileTests
{
    public static TheoryData<string, string, string, int, int, int, int> Networks => new()
    {
        // name, source, type to load, input size, output size, layer count (input included), parameter count
        { "Xor", TestNetworks.Xor, "XorNet", 2, 1, 3, TestNetworks.XorParameterCount },
        { "Residual", TestNetworks.Residual, "ResidualNet", 8, 2, 4, TestNetworks.ResidualParameterCount },
        { "Large", TestNetworks.Large, "DigitsNet", 784, 10, 3, TestNetworks.LargeParameterCount },
        { "Nested", TestNetworks.Nested, "Contoso.Models.Zoo+NestedNet", 3, 2, 3, TestNetworks.NestedParameterCount },
        { "Generic", TestNetworks.Generic, "Contoso.Generic.TaggedNet`1", 3, 2, 2, TestNetworks.GenericParameterCount },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void SnapshotNetworkCompilesAndRuns(string name, string source, string typeName, int inputSize, int outputSize, int layerCount, int parameterCount)
    {
        Type type = GeneratorHarness.CompileAndLoad(source).GetType(typeName, throwOnError: true)!;
        if (type.IsGenericTypeDefinition) type = type.MakeGenericType(typeof(string));

        Assert.Equal(inputSize, Constant(type, "InputSize"));
        Assert.Equal(outputSize, Constant(type, "OutputSize"));
        Assert.Equal(parameterCount, Constant(type, "ParameterCount"));

        var network = (INetwork)Activator.CreateInstance(type)!;
        Assert.Equal(parameterCount, network.ParameterCount);
        Assert.Equal(parameterCount, network.Parameters.Length);
        Assert.Equal(parameterCount, network.Gradients.Length);
        Assert.Equal(layerCount, network.Layers.Count);
        Assert.Equal(parameterCount, network.Layers.Sum(layer => layer.ParameterCount));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Total params: {parameterCount:N0} "), (string)type.GetProperty("Summary", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
        Assert.Contains(network.Parameters.ToArray(), value => value != 0f);

        float[] input = Enumerable.Range(0, inputSize).Select(i => (i % 7 - 3) * 0.25f).ToArray();
        float[] output = new float[outputSize];
        network.Forward(input, output);
        Assert.All(output, value => Assert.True(float.IsFinite(value), $"{name}: output {value} is not finite"));

        float[] target = new float[outputSize];
        target[0] = 1f;
        float loss = network.Backward(target);
        Assert.True(float.IsFinite(loss) && loss >= 0f, $"{name}: loss {loss}");
        Assert.Contains(network.Gradients.ToArray(), value => value != 0f);
    }

    [Theory]
    [InlineData("TMode")]
    [InlineData("TMode_")]
    public void AGenericNetworkMayNameItsTypeParameterAsTheGeneratedBackwardNamesItsOwn(string typeParameter)
    {
        // The generated Backward<TMode> must not reuse a type parameter of the class (warning CS0693, an error under TreatWarningsAsErrors).
        string source = TestNetworks.Generic.Replace("TTag", typeParameter, StringComparison.Ordinal).Replace("Dense(2,", "Dense(20,", StringComparison.Ordinal);
        (Microsoft.CodeAnalysis.Compilation output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void SoftmaxOutputIsADistribution()
    {
        Type type = GeneratorHarness.CompileAndLoad(TestNetworks.Large).GetType("DigitsNet", throwOnError: true)!;
        var network = (INetwork)Activator.CreateInstance(type)!;
        float[] input = Enumerable.Range(0, 784).Select(i => (i % 13) / 13f).ToArray();
        float[] output = new float[10];
        network.Forward(input, output);
        Assert.All(output, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, output.Sum(p => (double)p), 4);
    }

    [Fact]
    public void SeedIsHonouredAndCloneCopiesParameters()
    {
        Type type = GeneratorHarness.CompileAndLoad(TestNetworks.Xor).GetType("XorNet", throwOnError: true)!;
        var seeded = (INetwork)Activator.CreateInstance(type)!;
        var sameSeed = (INetwork)Activator.CreateInstance(type, 7)!;
        var otherSeed = (INetwork)Activator.CreateInstance(type, 8)!;
        Assert.Equal(seeded.Parameters.ToArray(), sameSeed.Parameters.ToArray());
        Assert.NotEqual(seeded.Parameters.ToArray(), otherSeed.Parameters.ToArray());
        Assert.Equal(seeded.Parameters.ToArray(), seeded.Clone().Parameters.ToArray());
    }

    [Fact]
    public void XorTrainsDownwards()
    {
        Type type = GeneratorHarness.CompileAndLoad(TestNetworks.Xor).GetType("XorNet", throwOnError: true)!;
        var network = (INetwork)Activator.CreateInstance(type)!;
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var optimizer = new Adam(0.05f);
        float first = network.TrainBatch(inputs, targets, 4, optimizer), last = first;
        for (int epoch = 0; epoch < 500; epoch++) last = network.TrainBatch(inputs, targets, 4, optimizer);
        Assert.True(last < first * 0.5f, $"loss went from {first} to {last}");
    }

    private static int Constant(Type type, string name)
        => (int)type.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
}
