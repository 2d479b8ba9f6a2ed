using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The generated inference form (<c>Net.Inference</c>, <c>ToInference()</c>): equal to the network's evaluation-mode
/// Forward to 1e-5 relative (batch normalisation folded or not, dropout left out, residuals, softmax); a batch equal to
/// its rows one by one; a snapshot until Refresh; the network's own argument errors; 0 B per call.
/// </summary>
[Trait("Category", "Numerical")] // the kernels' 256-bit and scalar paths too, when .ci/run turns AVX-512 off
public sealed class InferenceFormTests
{
    private const int Samples = 16;

    public static TheoryData<string> Networks() => new(nameof(InferenceTanhMlp), nameof(InferenceReluSoftmaxMlp), nameof(InferenceResidualMlp),
        nameof(InferenceBatchNormMlp), nameof(BatchNormMlp), nameof(SmallNet), nameof(LargeNet));

    /// <summary>A network, its inference form's Forward (one sample, a batch) and Refresh, behind delegates.</summary>
    private sealed record Subject(INetwork Network, Action<float[], float[]> Forward, Action<float[], float[], int> ForwardBatch, Action Refresh);

    private static Subject Create(string name, bool trained = true)
    {
        INetwork network = name switch
        {
            nameof(InferenceTanhMlp) => new InferenceTanhMlp(),
            nameof(InferenceReluSoftmaxMlp) => new InferenceReluSoftmaxMlp(),
            nameof(InferenceResidualMlp) => new InferenceResidualMlp(),
            nameof(InferenceBatchNormMlp) => new InferenceBatchNormMlp(),
            nameof(BatchNormMlp) => new BatchNormMlp(),
            nameof(SmallNet) => new SmallNet(),
            nameof(LargeNet) => new LargeNet(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        if (trained) Train(network); // running statistics and parameters away from their initial values
        return network switch
        {
            InferenceTanhMlp n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            InferenceReluSoftmaxMlp n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            InferenceResidualMlp n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            InferenceBatchNormMlp n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            BatchNormMlp n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            SmallNet n => Wrap(n, n.ToInference(), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            LargeNet n => Wrap(n, new LargeNet.Inference(n), (i, x, y) => i.Forward(x, y), (i, x, y, b) => i.Forward(x, y, b), i => i.Refresh(n)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static Subject Wrap<TInference>(INetwork network, TInference inference, Action<TInference, float[], float[]> forward,
        Action<TInference, float[], float[], int> batch, Action<TInference> refresh)
        => new(network, (x, y) => forward(inference, x, y), (x, y, b) => batch(inference, x, y, b), () => refresh(inference));

    /// <summary>A few training batches: batch normalisation's running statistics become non-trivial, dropout draws masks.</summary>
    private static void Train(INetwork network)
    {
        const int batch = 8;
        var sgd = new Sgd(0.05f);
        for (int step = 0; step < 5; step++)
        {
            float[] inputs = TestData.Uniform(batch * network.InputSize, 100 + step), targets = new float[batch * network.OutputSize];
            for (int row = 0; row < batch; row++) targets[row * network.OutputSize + (row + step) % network.OutputSize] = 1f;
            network.TrainBatch(inputs, targets, batch, sgd);
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1.0, Math.Abs(expected[i])),
                $"{what}[{i}]: inference {actual[i]:R}, Forward {expected[i]:R}");
    }

    private static float[] NetworkForward(INetwork network, float[] input)
    {
        float[] output = new float[network.OutputSize];
        network.Forward(input, output);
        return output;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardEqualsTheNetworksEvaluationForward(string name)
    {
        Subject subject = Create(name);
        for (int sample = 0; sample < Samples; sample++)
        {
            float[] input = TestData.Uniform(subject.Network.InputSize, 7 + sample, 2.0), output = new float[subject.Network.OutputSize];
            subject.Forward(input, output);
            AssertClose(NetworkForward(subject.Network, input), output, $"{name} sample {sample}");
        }
    }

    /// <summary>
    /// A batch equals its rows one by one: exactly below 4 rows (the rows go through the one-sample path), to float
    /// rounding from 4 rows on (one matrix product per layer, summed in another order), with whole and partial 4-row tiles.
    /// </summary>
    [Theory]
    [MemberData(nameof(BatchCases))]
    public void ABatchIsItsRowsOneByOne(string name, int batch)
    {
        Subject subject = Create(name);
        int inputSize = subject.Network.InputSize, outputSize = subject.Network.OutputSize;
        float[] inputs = TestData.Uniform(batch * inputSize, 3), outputs = new float[batch * outputSize];
        subject.ForwardBatch(inputs, outputs, batch);
        for (int row = 0; row < batch; row++)
        {
            float[] output = new float[outputSize], actual = outputs[(row * outputSize)..((row + 1) * outputSize)];
            subject.Forward(inputs[(row * inputSize)..((row + 1) * inputSize)], output);
            if (batch < 4) Assert.Equal(output, actual);
            else AssertClose(output, actual, $"{name} row {row} of {batch}");
        }
    }

    public static TheoryData<string, int> BatchCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string network in Networks())
            foreach (int batch in new[] { 3, 7, Samples })
                cases.Add(network, batch);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ItIsASnapshotUntilRefresh(string name)
    {
        Subject subject = Create(name);
        INetwork network = subject.Network;
        float[] input = TestData.Uniform(network.InputSize, 11), before = new float[network.OutputSize], after = new float[network.OutputSize];
        subject.Forward(input, before);

        // Change every parameter (and, with batch normalisation, the running statistics through training).
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++) parameters[i] = parameters[i] * 0.9f + 0.01f * ((i % 7) - 3);
        if (network.Buffers.Length > 0) Train(network);
        float[] changed = NetworkForward(network, input);
        Assert.NotEqual(before, changed);

        subject.Forward(input, after);
        Assert.Equal(before, after); // bit for bit: nothing reached the snapshot

        subject.Refresh();
        subject.Forward(input, after);
        AssertClose(changed, after, $"{name} after Refresh");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void WrongLengthsThrowAsTheNetworksForwardDoes(string name)
    {
        Subject subject = Create(name, trained: false);
        INetwork network = subject.Network;
        int n = network.InputSize, m = network.OutputSize;
        (float[] Input, float[] Output, int? Batch)[] cases =
        [
            (new float[n - 1], new float[m], null), (new float[n + 1], new float[m], null), (new float[n], new float[m + 1], null), (new float[n], [], null),
            (new float[2 * n], new float[2 * m], 3), (new float[2 * n - 1], new float[2 * m], 2), (new float[2 * n], new float[2 * m + 1], 2),
            (new float[0], new float[0], 0), (new float[n], new float[m], -1),
        ];
        foreach ((float[] input, float[] output, int? batch) in cases)
        {
            Exception expected = Assert.ThrowsAny<ArgumentException>(() => { if (batch is { } b) network.Forward(input, output, b); else network.Forward(input, output); });
            Exception actual = Assert.ThrowsAny<ArgumentException>(() => { if (batch is { } b) subject.ForwardBatch(input, output, b); else subject.Forward(input, output); });
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void AllocatesNothingPerCall(string name)
    {
        Subject subject = Create(name, trained: false);
        INetwork network = subject.Network;
        float[] input = TestData.Uniform(network.InputSize, 1), output = new float[network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => subject.Forward(input, output), $"{name}.Inference.Forward");
        float[] inputs = TestData.Uniform(8 * network.InputSize, 2), outputs = new float[8 * network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => subject.ForwardBatch(inputs, outputs, 8), $"{name}.Inference.Forward(batch of 8, after the first call)");
        float[] fewerInputs = inputs[..(5 * network.InputSize)], fewerOutputs = new float[5 * network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => subject.ForwardBatch(fewerInputs, fewerOutputs, 5), $"{name}.Inference.Forward(a smaller batch)");
        AllocationTests.AssertAllocatesNothing(subject.Refresh, $"{name}.Inference.Refresh");
    }

    /// <summary>Networks with a layer the inference form does not take yet get neither the class nor ToInference.</summary>
    [Theory]
    [InlineData(typeof(LayerNormMlp))]
    [InlineData(typeof(BatchNormConvNet))]
    [InlineData(typeof(SmallCnn))]
    [InlineData(typeof(InferenceRecurrentResidualNet))]
    public void IneligibleNetworksGetNoInferenceForm(Type network)
    {
        Assert.Null(network.GetNestedType("Inference"));
        Assert.Null(network.GetMethod("ToInference"));
    }

    [Fact]
    public void EligibleNetworksDo()
    {
        Assert.NotNull(typeof(InferenceBatchNormMlp).GetNestedType("Inference"));
        Assert.NotNull(typeof(InferenceBatchNormMlp).GetMethod("ToInference"));
    }

    [Fact]
    public void RefreshTakesAnotherInstancesWeights()
    {
        var first = new InferenceTanhMlp(1);
        var second = new InferenceTanhMlp(2);
        InferenceTanhMlp.Inference inference = first.ToInference();
        inference.Refresh(second);
        float[] input = TestData.Uniform(InferenceTanhMlp.InputSize, 5), output = new float[InferenceTanhMlp.OutputSize];
        inference.Forward(input, output);
        AssertClose(NetworkForward(second, input), output, "second");
        Assert.Throws<ArgumentNullException>(() => inference.Refresh(null!));
    }
}
