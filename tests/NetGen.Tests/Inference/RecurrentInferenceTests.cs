using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The inference form of recurrent networks: <c>Step</c> over a sequence reproduces the network's Forward step by step
/// (to 1e-5 relative) from the zero state; <c>Reset</c> and <c>Refresh</c> return to the zero state; the sequence
/// Forward and its batch equal the network's; a snapshot until Refresh; the network's own argument errors; 0 B per call.
/// </summary>
[Trait("Category", "Numerical")] // the kernels' 256-bit, 128-bit and scalar paths too, when .ci/run turns AVX-512 off
public sealed class RecurrentInferenceTests
{
    private const int Steps = 7;

    public static TheoryData<string> Networks() => new(nameof(InferenceElmanNet), nameof(InferenceLstmNet), nameof(InferenceGruNet),
        nameof(InferenceGruTaggerNet), nameof(InferenceStackedNet), nameof(InferenceElmanStackNet), nameof(SequenceRnnNet), nameof(SequenceLstmNet),
        nameof(WideSequenceLstmNet), nameof(PerStepDenseNet), nameof(LastStepNet), nameof(InferenceGruOutputNet));

    /// <summary>A network and its inference form's calls behind delegates; <c>SequenceOutput</c>: an output on every step.</summary>
    private sealed record Subject(INetwork Network, bool SequenceOutput, Action<float[], float[]> Step, Action Reset,
        Action<float[], float[]> Forward, Action<float[], float[], int> ForwardBatch, Action Refresh);

    private static Subject Create(string name, bool perturbed = true)
    {
        INetwork network = name switch
        {
            nameof(InferenceElmanNet) => new InferenceElmanNet(),
            nameof(InferenceLstmNet) => new InferenceLstmNet(),
            nameof(InferenceGruNet) => new InferenceGruNet(),
            nameof(InferenceGruTaggerNet) => new InferenceGruTaggerNet(),
            nameof(InferenceStackedNet) => new InferenceStackedNet(),
            nameof(InferenceElmanStackNet) => new InferenceElmanStackNet(),
            nameof(SequenceRnnNet) => new SequenceRnnNet(),
            nameof(SequenceLstmNet) => new SequenceLstmNet(),
            nameof(WideSequenceLstmNet) => new WideSequenceLstmNet(),
            nameof(PerStepDenseNet) => new PerStepDenseNet(),
            nameof(LastStepNet) => new LastStepNet(),
            nameof(InferenceGruOutputNet) => new InferenceGruOutputNet(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        if (perturbed) Perturb(network, 5);
        return network switch
        {
            InferenceElmanNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceLstmNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceGruNet n => Wrap(n, false, new InferenceGruNet.Inference(n), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceGruTaggerNet n => Wrap(n, true, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceStackedNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceElmanStackNet n => Wrap(n, true, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            SequenceRnnNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            SequenceLstmNet n => Wrap(n, true, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            WideSequenceLstmNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            PerStepDenseNet n => Wrap(n, true, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            LastStepNet n => Wrap(n, false, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            InferenceGruOutputNet n => Wrap(n, true, n.ToInference(), i => (i.Step, i.Reset, i.Forward, i.Forward, () => i.Refresh(n))),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private delegate void SpanCall(ReadOnlySpan<float> input, Span<float> output);

    private delegate void BatchCall(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

    private static Subject Wrap<TInference>(INetwork network, bool sequenceOutput, TInference inference,
        Func<TInference, (SpanCall Step, Action Reset, SpanCall Forward, BatchCall Batch, Action Refresh)> calls)
    {
        (SpanCall step, Action reset, SpanCall forward, BatchCall batch, Action refresh) = calls(inference);
        return new(network, sequenceOutput, (x, y) => step(x, y), reset, (x, y) => forward(x, y), (x, y, b) => batch(x, y, b), refresh);
    }

    /// <summary>Every parameter moved off its initial value (the biases, zero at initialisation, included), deterministically.</summary>
    private static void Perturb(INetwork network, int seed)
    {
        Span<float> parameters = network.Parameters;
        float[] noise = TestData.Uniform(parameters.Length, seed, 0.3);
        for (int i = 0; i < parameters.Length; i++) parameters[i] += noise[i];
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1.0, Math.Abs(expected[i])),
                $"{what}[{i}]: inference {actual[i]:R}, Forward {expected[i]:R}");
    }

    private static int OutputLength(Subject subject, int steps) => subject.SequenceOutput ? steps * subject.Network.OutputSize : subject.Network.OutputSize;

    private static float[] NetworkForward(Subject subject, float[] sequence)
    {
        int steps = sequence.Length / subject.Network.InputSize;
        float[] output = new float[OutputLength(subject, steps)];
        subject.Network.Forward(sequence, output);
        return output;
    }

    /// <summary>What the network's Forward gives for step t of <paramref name="sequence"/>: its row t, or its output for the first t + 1 steps.</summary>
    private static float[] NetworkStep(Subject subject, float[] sequence, int t)
    {
        int inputSize = subject.Network.InputSize, outputSize = subject.Network.OutputSize;
        if (subject.SequenceOutput) return NetworkForward(subject, sequence)[(t * outputSize)..((t + 1) * outputSize)];
        return NetworkForward(subject, sequence[..((t + 1) * inputSize)]);
    }

    private static float[][] StepThrough(Subject subject, float[] sequence)
    {
        int inputSize = subject.Network.InputSize, steps = sequence.Length / inputSize;
        var outputs = new float[steps][];
        for (int t = 0; t < steps; t++)
        {
            outputs[t] = new float[subject.Network.OutputSize];
            subject.Step(sequence[(t * inputSize)..((t + 1) * inputSize)], outputs[t]);
        }
        return outputs;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void StepsReproduceTheNetworksForwardFromTheZeroState(string name)
    {
        Subject subject = Create(name);
        float[] sequence = TestData.Uniform(Steps * subject.Network.InputSize, 17, 2.0);
        float[][] outputs = StepThrough(subject, sequence); // the first call: no state set yet
        for (int t = 0; t < Steps; t++) AssertClose(NetworkStep(subject, sequence, t), outputs[t], $"{name} step {t}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ResetAndRefreshReturnToTheZeroState(string name)
    {
        Subject subject = Create(name);
        int inputSize = subject.Network.InputSize;
        float[] sequence = TestData.Uniform(Steps * inputSize, 19, 2.0), other = TestData.Uniform(3 * inputSize, 23, 2.0);
        float[][] fresh = StepThrough(subject, sequence);

        StepThrough(subject, other);
        subject.Reset();
        float[][] afterReset = StepThrough(subject, sequence);

        StepThrough(subject, other);
        subject.Refresh();
        float[][] afterRefresh = StepThrough(subject, sequence);
        for (int t = 0; t < Steps; t++)
        {
            Assert.Equal(fresh[t], afterReset[t]); // bit for bit: the same state, the same code
            Assert.Equal(fresh[t], afterRefresh[t]);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardOverASequenceEqualsTheNetworksForwardAndLeavesTheStateAtItsEnd(string name)
    {
        Subject subject = Create(name);
        int inputSize = subject.Network.InputSize, outputSize = subject.Network.OutputSize;
        float[] sequence = TestData.Uniform(Steps * inputSize, 29, 2.0);
        StepThrough(subject, TestData.Uniform(2 * inputSize, 31)); // a state before: Forward starts from zero regardless
        float[] output = new float[OutputLength(subject, Steps)];
        subject.Forward(sequence, output);
        AssertClose(NetworkForward(subject, sequence), output, $"{name} sequence");

        // Step continues the sequence: the same as the network's Forward over it and one step more.
        float[] next = TestData.Uniform(inputSize, 37, 2.0), stepped = new float[outputSize];
        subject.Step(next, stepped);
        AssertClose(NetworkStep(subject, [.. sequence, .. next], Steps), stepped, $"{name} step after Forward");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ABatchIsItsSequencesOneByOne(string name)
    {
        const int batch = 4;
        Subject subject = Create(name);
        int inputLength = Steps * subject.Network.InputSize, outputLength = OutputLength(subject, Steps);
        float[] inputs = TestData.Uniform(batch * inputLength, 41, 2.0), outputs = new float[batch * outputLength];
        subject.ForwardBatch(inputs, outputs, batch);
        for (int row = 0; row < batch; row++)
        {
            float[] output = new float[outputLength];
            subject.Forward(inputs[(row * inputLength)..((row + 1) * inputLength)], output);
            Assert.Equal(output, outputs[(row * outputLength)..((row + 1) * outputLength)]);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ItIsASnapshotUntilRefresh(string name)
    {
        Subject subject = Create(name);
        float[] sequence = TestData.Uniform(Steps * subject.Network.InputSize, 43, 2.0);
        float[] before = new float[OutputLength(subject, Steps)], after = new float[before.Length];
        subject.Forward(sequence, before);

        Perturb(subject.Network, 47);
        float[] changed = NetworkForward(subject, sequence);
        Assert.NotEqual(before, changed);

        subject.Forward(sequence, after);
        Assert.Equal(before, after); // bit for bit: nothing reached the snapshot
        subject.Refresh();
        subject.Forward(sequence, after);
        AssertClose(changed, after, $"{name} after Refresh");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void WrongLengthsThrowAsTheNetworksMethodsDo(string name)
    {
        Subject subject = Create(name, perturbed: false);
        INetwork network = subject.Network;
        int n = network.InputSize, m = network.OutputSize, three = OutputLength(subject, 3);
        (float[] Input, float[] Output, int? Batch)[] cases =
        [
            (new float[3 * n - 1], new float[three], null), (new float[0], new float[m], null), (new float[3 * n], new float[three + 1], null),
            (new float[3 * n], [], null), (new float[2 * 3 * n], new float[2 * three], 4), (new float[2 * 3 * n - 1], new float[2 * three], 2),
            (new float[2 * 3 * n], new float[2 * three + 1], 2), (new float[0], new float[0], 0), (new float[n], new float[m], -1),
        ];
        foreach ((float[] input, float[] output, int? batch) in cases)
        {
            Exception expected = Assert.ThrowsAny<ArgumentException>(() => { if (batch is { } b) network.Forward(input, output, b); else network.Forward(input, output); });
            Exception actual = Assert.ThrowsAny<ArgumentException>(() => { if (batch is { } b) subject.ForwardBatch(input, output, b); else subject.Forward(input, output); });
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
        }

        // Step takes exactly one step's InputSize features and writes exactly OutputSize values.
        foreach ((float[] input, float[] output, string parameter) in new[]
        {
            (new float[n - 1], new float[m], "input"), (new float[n + 1], new float[m], "input"), (new float[2 * n], new float[m], "input"),
            (new float[n], new float[m + 1], "output"), (new float[n], new float[m - 1], "output"),
        })
            Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => subject.Step(input, output)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void AllocatesNothingPerCall(string name)
    {
        Subject subject = Create(name, perturbed: false);
        int inputSize = subject.Network.InputSize;
        float[] input = TestData.Uniform(inputSize, 1), output = new float[subject.Network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => subject.Step(input, output), $"{name}.Inference.Step");
        AllocationTests.AssertAllocatesNothing(subject.Reset, $"{name}.Inference.Reset");
        float[] sequence = TestData.Uniform(Steps * inputSize, 2), outputs = new float[OutputLength(subject, Steps)];
        AllocationTests.AssertAllocatesNothing(() => subject.Forward(sequence, outputs), $"{name}.Inference.Forward");
        float[] batch = TestData.Uniform(3 * Steps * inputSize, 3), batchOutputs = new float[3 * OutputLength(subject, Steps)];
        AllocationTests.AssertAllocatesNothing(() => subject.ForwardBatch(batch, batchOutputs, 3), $"{name}.Inference.Forward(batch)");
        AllocationTests.AssertAllocatesNothing(subject.Refresh, $"{name}.Inference.Refresh");
    }

    /// <summary>Recurrent networks with a layer the form does not take yet (here a residual) get neither the class nor ToInference.</summary>
    [Fact]
    public void RecurrentNetworksWithOtherLayersGetNoInferenceForm()
    {
        Assert.Null(typeof(InferenceRecurrentResidualNet).GetNestedType("Inference"));
        Assert.Null(typeof(InferenceRecurrentResidualNet).GetMethod("ToInference"));
        Assert.NotNull(typeof(SequenceLstmNet).GetNestedType("Inference")?.GetMethod("Step"));
    }
}
