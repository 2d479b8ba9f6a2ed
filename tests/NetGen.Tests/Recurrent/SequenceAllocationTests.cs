using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// SPEC §2 for sequences: after construction and a first call at a given length, Forward, Backward, TrainStep and
/// TrainBatch allocate nothing; a longer sequence than the workspace holds grows it once (that call allocates),
/// after which that length and every shorter one allocate nothing again. Measured as in <see cref="AllocationTests"/>
/// (this thread's allocations over 1,000 calls, the smallest of up to three windows). The networks declare
/// SequenceLength = 10, so their workspace starts with room for 10 steps.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class SequenceAllocationTests
{
    private const int Steps = 10;
    private const int BatchSize = 4;

    public static TheoryData<string> Networks()
        => new(nameof(SequenceRnnNet), nameof(SequenceLstmNet), nameof(WideSequenceLstmNet), nameof(SequenceGruNet), nameof(SequenceGruTaggerNet), nameof(WideSequenceGruNet));

    private static INetwork Create(string name) => name switch
    {
        nameof(SequenceRnnNet) => new SequenceRnnNet(),
        nameof(SequenceLstmNet) => new SequenceLstmNet(),
        nameof(WideSequenceLstmNet) => new WideSequenceLstmNet(),
        nameof(SequenceGruNet) => new SequenceGruNet(),
        nameof(SequenceGruTaggerNet) => new SequenceGruTaggerNet(),
        nameof(WideSequenceGruNet) => new WideSequenceGruNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Whether the network's output (and target) has one row per step.</summary>
    private static bool PerStep(INetwork network) => network is SequenceLstmNet or SequenceGruTaggerNet;

    /// <summary>Inputs and targets for one sequence and for a batch of <see cref="BatchSize"/> sequences of <paramref name="steps"/> steps.</summary>
    private sealed class Data
    {
        public Data(INetwork network, int steps)
        {
            int rows = PerStep(network) ? steps : 1;
            Inputs = TestData.Uniform(BatchSize * steps * network.InputSize, 2);
            Targets = new float[BatchSize * rows * network.OutputSize];
            for (int row = 0; row < BatchSize * rows; row++) Targets[row * network.OutputSize + row % network.OutputSize] = 1f;
            Input = Inputs[..(steps * network.InputSize)];
            Target = Targets[..(rows * network.OutputSize)];
            Output = new float[Target.Length];
            Outputs = new float[Targets.Length];
        }

        public float[] Inputs, Targets, Input, Target, Output, Outputs;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network, Steps);
        AllocationTests.AssertAllocatesNothing(() => network.Forward(data.Input, data.Output), "network.Forward(data.Input, data.Output)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BatchedForwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network, Steps);
        AllocationTests.AssertAllocatesNothing(() => network.Forward(data.Inputs, data.Outputs, BatchSize), "network.Forward(data.Inputs, data.Outputs, BatchSize)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network, Steps);
        network.Forward(data.Input, data.Output);
        AllocationTests.AssertAllocatesNothing(() => network.Backward(data.Target), "network.Backward(data.Target)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStepAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network, Steps);
        var sgd = new Sgd(0.001f, momentum: 0.9f);
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(data.Input, data.Target, sgd), "network.TrainStep(data.Input, data.Target, sgd)");
        var adam = new Adam(1e-4f) { MaxGradientNorm = 1f };
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(data.Input, data.Target, adam), "network.TrainStep(data.Input, data.Target, adam)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        var data = new Data(network, Steps);
        var adam = new Adam(1e-4f) { MaxGradientNorm = 1f };
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(data.Inputs, data.Targets, BatchSize, adam), "network.TrainBatch(data.Inputs, data.Targets, BatchSize, adam)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheWorkspaceIsSizedForTheDeclaredSequenceLength(string name)
    {
        INetwork network = Create(name);
        Data declared = new(network, Steps), longer = new(network, Steps + 1);
        INetwork warmUp = Create(name); // JIT on another instance: the measurement is of the workspace alone
        warmUp.Forward(declared.Input, declared.Output);
        warmUp.Forward(longer.Input, longer.Output);

        Assert.Equal(0, AllocatedBy(() => network.Forward(declared.Input, declared.Output)));
        Assert.True(AllocatedBy(() => network.Forward(longer.Input, longer.Output)) > 0, "one step more than SequenceLength must grow the workspace");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ALongerSequenceGrowsTheWorkspaceOnceThenNothingIsAllocated(string name)
    {
        INetwork network = Create(name);
        var declared = new Data(network, Steps);
        var longer = new Data(network, 25);
        var shorter = new Data(network, 3);
        var sgd = new Sgd(0.001f, momentum: 0.9f);
        AllocationTests.AssertAllocatesNothing(() => network.Forward(declared.Input, declared.Output), "Forward at the declared length");

        // The call that grows: at least the new input copy (25 steps of InputSize floats) is allocated.
        long grown = AllocatedBy(() => network.Forward(longer.Input, longer.Output));
        Assert.True(grown >= 25L * network.InputSize * sizeof(float), $"Forward on 25 steps allocated {grown} bytes; it must grow the workspace");

        AllocationTests.AssertAllocatesNothing(() => network.Forward(longer.Input, longer.Output), "Forward at 25 steps, after growing");
        AllocationTests.AssertAllocatesNothing(() => network.Backward(longer.Target), "Backward at 25 steps");
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(longer.Input, longer.Target, sgd), "TrainStep at 25 steps");

        // Shorter sequences reuse the larger workspace.
        Assert.Equal(0, AllocatedBy(() => network.Forward(shorter.Input, shorter.Output)));
        AllocationTests.AssertAllocatesNothing(() => network.Forward(shorter.Input, shorter.Output), "Forward at 3 steps, after growing");
        AllocationTests.AssertAllocatesNothing(() => network.Backward(shorter.Target), "Backward at 3 steps");
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(declared.Input, declared.Target, sgd), "TrainStep at the declared length, after growing");

        // TrainStep grows it too, once.
        var longest = new Data(network, 40);
        Assert.True(AllocatedBy(() => network.TrainStep(longest.Input, longest.Target, sgd)) > 0, "TrainStep on 40 steps must grow the workspace");
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(longest.Input, longest.Target, sgd), "TrainStep at 40 steps, after growing");
        AllocationTests.AssertAllocatesNothing(() => network.Forward(longer.Input, longer.Output), "Forward at 25 steps, after growing to 40");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ALongerBatchGrowsTheWorkspaceOnceThenNothingIsAllocated(string name)
    {
        INetwork network = Create(name);
        Data declared = new(network, Steps), longer = new(network, 25), shorter = new(network, 3);
        var sgd = new Sgd(0.001f, momentum: 0.9f);
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(declared.Inputs, declared.Targets, BatchSize, sgd), "TrainBatch at the declared length");
        Assert.True(AllocatedBy(() => network.TrainBatch(longer.Inputs, longer.Targets, BatchSize, sgd)) > 0, "TrainBatch on 25 steps must grow the workspace");
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(longer.Inputs, longer.Targets, BatchSize, sgd), "TrainBatch at 25 steps, after growing");
        AllocationTests.AssertAllocatesNothing(() => network.Forward(longer.Inputs, longer.Outputs, BatchSize), "batched Forward at 25 steps");
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(shorter.Inputs, shorter.Targets, BatchSize, sgd), "TrainBatch at 3 steps, after growing");
        AllocationTests.AssertAllocatesNothing(() => network.Forward(shorter.Inputs, shorter.Outputs, BatchSize), "batched Forward at 3 steps, after growing");
    }

    /// <summary>Bytes this thread allocated during one call.</summary>
    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
