using System;
using System.Runtime.CompilerServices;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// SPEC §2: after construction, Forward, Backward, TrainStep and TrainBatch allocate nothing. Each operation
/// runs once to warm up (JIT, optimizer state sized on its first step), then 1,000 times while
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> (this thread's managed allocations) must not move.
/// One network is small enough to be unrolled, the others (784-128-10, and SELU and SiLU layers of 16 and 17 units,
/// whose activations run as vector kernels) are emitted as loops; three are convolution and pooling networks, whose
/// batches run as one product per layer.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class AllocationTests
{
    private const int Iterations = 1_000;
    private const int BatchSize = 8;

    public static TheoryData<string> Networks() => new(nameof(SmallNet), nameof(LargeNet), nameof(WideSeluSiluNet), nameof(SmallCnn), nameof(CausalTcn), nameof(WideConvNet));

    private static INetwork Create(string name) => name switch
    {
        nameof(SmallNet) => new SmallNet(),
        nameof(LargeNet) => new LargeNet(),
        nameof(WideSeluSiluNet) => new WideSeluSiluNet(),
        nameof(SmallCnn) => new SmallCnn(),
        nameof(CausalTcn) => new CausalTcn(),
        nameof(WideConvNet) => new WideConvNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private sealed class Data
    {
        public Data(INetwork network)
        {
            Inputs = TestData.Uniform(BatchSize * network.InputSize, 1);
            Targets = new float[BatchSize * network.OutputSize];
            for (int sample = 0; sample < BatchSize; sample++) Targets[sample * network.OutputSize + sample % network.OutputSize] = 1f;
            Input = Inputs[..network.InputSize];
            Target = Targets[..network.OutputSize];
            Output = new float[network.OutputSize];
            Outputs = new float[BatchSize * network.OutputSize];
        }

        public float[] Inputs, Targets, Input, Target, Output, Outputs;
    }

    /// <summary>
    /// Bytes this thread allocated during 1,000 calls of <paramref name="action"/>, after one warm-up call.
    /// </summary>
    /// <remarks>
    /// With tiered compilation (the default, as users run) the runtime occasionally does one-time work on the
    /// calling thread while a hot loop is promoted from tier 0 (on-stack replacement, tier-up): a few kilobytes,
    /// once, that do not recur (with DOTNET_TieredCompilation=0 they never appear). So up to three windows of
    /// 1,000 calls are measured and the smallest count is asserted: an allocation made by the network or the
    /// optimizer on each call (at least 24 bytes, so ≥ 24 kB per window) shows in every window and still fails.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static long Measure(Action action, out string windows)
    {
        action();
        long smallest = long.MaxValue;
        windows = "";
        for (int window = 0; window < 3 && smallest != 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Iterations; i++) action();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            windows += (window == 0 ? "" : ", ") + allocated.ToString(System.Globalization.CultureInfo.InvariantCulture);
            smallest = Math.Min(smallest, allocated);
        }
        return smallest;
    }

    internal static void AssertAllocatesNothing(Action action, string what)
    {
        long allocated = Measure(action, out string windows);
        Assert.True(allocated == 0, $"{what}: {allocated} bytes allocated per 1,000 calls (windows: {windows}).");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network);
        AssertAllocatesNothing(() => network.Forward(data.Input, data.Output), "network.Forward(data.Input, data.Output)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BatchedForwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network);
        AssertAllocatesNothing(() => network.Forward(data.Inputs, data.Outputs, BatchSize), "network.Forward(data.Inputs, data.Outputs, BatchSize)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network);
        network.Forward(data.Input, data.Output);
        AssertAllocatesNothing(() => network.Backward(data.Target), "network.Backward(data.Target)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStepAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network);
        var sgd = new Sgd(0.001f, momentum: 0.9f);
        AssertAllocatesNothing(() => network.TrainStep(data.Input, data.Target, sgd), "network.TrainStep(data.Input, data.Target, sgd)");
        var plainSgd = new Sgd(0.001f);
        AssertAllocatesNothing(() => network.TrainStep(data.Input, data.Target, plainSgd), "network.TrainStep(data.Input, data.Target, plainSgd)");
        var adam = new Adam(1e-4f) { MaxGradientNorm = 1f };
        AssertAllocatesNothing(() => network.TrainStep(data.Input, data.Target, adam), "network.TrainStep(data.Input, data.Target, adam)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network);
        var sgd = new Sgd(0.001f, momentum: 0.9f) { MaxGradientNorm = 5f };
        AssertAllocatesNothing(() => network.TrainBatch(data.Inputs, data.Targets, BatchSize, sgd), "network.TrainBatch(data.Inputs, data.Targets, BatchSize, sgd)");
        var adam = new Adam(1e-4f);
        AssertAllocatesNothing(() => network.TrainBatch(data.Inputs, data.Targets, BatchSize, adam), "network.TrainBatch(data.Inputs, data.Targets, BatchSize, adam)");
    }

    [Fact]
    public void TheMeasurementSeesAPerCallAllocation()
    {
        // Guards the premise: a single small allocation per call is visible in every window.
        object? sink = null;
        Assert.True(Measure(() => sink = new float[1], out _) >= Iterations * 24);
        GC.KeepAlive(sink);
    }
}
