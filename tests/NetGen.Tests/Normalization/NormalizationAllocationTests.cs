using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// 0 bytes per call after construction (as <see cref="AllocationTests"/>) for networks with batch normalisation, layer
/// normalisation and dropout: Forward in both forms, TrainStep (where a batch of one is allowed) and TrainBatch, which
/// also updates the running statistics and draws the masks.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class NormalizationAllocationTests
{
    private const int BatchSize = 8;

    public static TheoryData<string> Networks() => new(nameof(BatchNormMlp), nameof(BatchNormConvNet), nameof(LayerNormMlp), nameof(DropoutProbe));

    private static INetwork Create(string name) => name switch
    {
        nameof(BatchNormMlp) => new BatchNormMlp(),
        nameof(BatchNormConvNet) => new BatchNormConvNet(),
        nameof(LayerNormMlp) => new LayerNormMlp(),
        nameof(DropoutProbe) => new DropoutProbe(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        float[] input = TestData.Uniform(network.InputSize, 1), output = new float[network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => network.Forward(input, output), $"{name}.Forward");
        float[] inputs = TestData.Uniform(BatchSize * network.InputSize, 2), outputs = new float[BatchSize * network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => network.Forward(inputs, outputs, BatchSize), $"{name}.Forward(batch)");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainingAllocatesNothing(string name)
    {
        INetwork network = Create(name);
        float[] inputs = TestData.Uniform(BatchSize * network.InputSize, 3), targets = TestData.Uniform(BatchSize * network.OutputSize, 4, 0.1);
        var sgd = new Sgd(1e-4f, momentum: 0.9f);
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(inputs, targets, BatchSize, sgd), $"{name}.TrainBatch");
        var adam = new Adam(1e-4f);
        AllocationTests.AssertAllocatesNothing(() => network.TrainBatch(inputs, targets, BatchSize, adam), $"{name}.TrainBatch with Adam");
        if (name == nameof(BatchNormMlp)) return; // batch normalisation over features refuses a batch of one (TrainingModeTests)
        float[] input = inputs[..network.InputSize], target = targets[..network.OutputSize];
        AllocationTests.AssertAllocatesNothing(() => network.TrainStep(input, target, sgd), $"{name}.TrainStep");
    }
}
