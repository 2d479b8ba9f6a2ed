using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// StreamStep, the generated one-step-at-a-time form of a network of causal Conv1D layers: each step's output equals
/// Forward over the whole signal at that position, ResetStream starts over, nothing is allocated, and only networks
/// that can stream get it.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class StreamingTests
{
    private const int Length = 16;

    [Fact]
    public void EveryStepEqualsForwardOverTheWholeSignal()
    {
        var network = new StreamingTcn();
        GradientChecker.RandomizeBiases(network, seed: 40);
        float[] signal = TestData.Uniform(StreamingTcn.InputSize, 41); // [2 channels, 16 steps], channel-major as Forward reads it
        var whole = new float[StreamingTcn.OutputSize];
        network.Forward(signal, whole);

        for (int pass = 0; pass < 2; pass++) // the second pass after ResetStream must repeat the first
        {
            network.ResetStream();
            for (int t = 0; t < Length; t++)
            {
                float[] step = [signal[t], signal[Length + t]], output = new float[StreamingTcn.StreamOutputSize];
                network.StreamStep(step, output);
                for (int o = 0; o < output.Length; o++)
                    Assert.True(Math.Abs(output[o] - whole[o * Length + t]) <= 1e-5f + 1e-5f * Math.Abs(whole[o * Length + t]),
                        $"pass {pass}, step {t}, output {o}: streamed {output[o]}, Forward {whole[o * Length + t]}");
            }
        }
    }

    [Fact]
    public void AStepAllocatesNothing()
    {
        var network = new StreamingTcn();
        float[] step = [0.5f, -0.25f], output = new float[StreamingTcn.StreamOutputSize];
        network.StreamStep(step, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++) network.StreamStep(step, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongLengthsAreRejectedByName()
    {
        var network = new StreamingTcn();
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => network.StreamStep(new float[3], new float[2])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => network.StreamStep(new float[2], new float[1])).ParamName);
    }

    [Fact]
    public void OnlyCausalStrideOneConv1DNetworksStream()
    {
        Assert.NotNull(typeof(StreamingTcn).GetMethod("StreamStep"));
        Assert.NotNull(typeof(CausalSequenceConv).GetMethod("StreamStep"));
        Assert.Null(typeof(CausalTcn).GetMethod("StreamStep")); // pooling and a dense head need the whole signal
        Assert.Null(typeof(SmallCnn).GetMethod("StreamStep"));
        Assert.Null(typeof(WindowOptionsCnn).GetMethod("StreamStep"));
    }
}
