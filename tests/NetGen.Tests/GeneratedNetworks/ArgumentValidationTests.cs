using System;
using System.Text.RegularExpressions;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// SPEC §2: wrong span lengths throw ArgumentException naming the expected length. LayoutNet has 7 inputs and
/// 3 outputs; the wrong lengths used here (and the batch size 4) are chosen so that the expected number
/// appears in the message only if the message names it.
/// </summary>
public sealed class ArgumentValidationTests
{
    private const int Batch = 4;
    private static readonly float[] Input = new float[LayoutNet.InputSize], Target = new float[LayoutNet.OutputSize], Output = new float[LayoutNet.OutputSize];
    private static readonly float[] Inputs = new float[Batch * LayoutNet.InputSize], Targets = new float[Batch * LayoutNet.OutputSize], Outputs = new float[Batch * LayoutNet.OutputSize];

    private static void AssertNamesExpectedLength(ArgumentException exception, int expected, string parameter)
    {
        Assert.Matches(new Regex($@"(?<![\d.]){expected}(?![\d.])"), exception.Message);
        Assert.Equal(parameter, exception.ParamName);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(0)]
    public void ForwardRejectsAWrongInputLength(int length)
    {
        var network = new LayoutNet();
        ArgumentException e = Assert.Throws<ArgumentException>(() => network.Forward(new float[length], Output));
        AssertNamesExpectedLength(e, LayoutNet.InputSize, "input");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ForwardRejectsAWrongOutputLength(int length)
    {
        var network = new LayoutNet();
        ArgumentException e = Assert.Throws<ArgumentException>(() => network.Forward(Input, new float[length]));
        AssertNamesExpectedLength(e, LayoutNet.OutputSize, "output");
    }

    [Fact]
    public void BackwardRejectsAWrongTargetLength()
    {
        var network = new LayoutNet();
        network.Forward(Input, Output);
        ArgumentException e = Assert.Throws<ArgumentException>(() => network.Backward(new float[4]));
        AssertNamesExpectedLength(e, LayoutNet.OutputSize, "target");
    }

    [Fact]
    public void TrainStepRejectsWrongLengthsAndLeavesTheParametersAlone()
    {
        var network = new LayoutNet();
        float[] before = network.Parameters.ToArray();
        var sgd = new Sgd(0.1f);
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.TrainStep(new float[6], Target, sgd)), LayoutNet.InputSize, "input");
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.TrainStep(Input, new float[2], sgd)), LayoutNet.OutputSize, "target");
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, sgd.StepCount);
    }

    [Fact]
    public void BatchedForwardRejectsWrongLengths()
    {
        var network = new LayoutNet();
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.Forward(new float[Batch * 7 - 1], Outputs, Batch)), Batch * 7, "inputs");
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.Forward(Inputs, new float[Batch * 3 + 1], Batch)), Batch * 3, "outputs");
        // A batch size that does not match the spans is a wrong length too.
        Assert.Throws<ArgumentException>(() => network.Forward(Inputs, Outputs, Batch + 1));
    }

    [Fact]
    public void TrainBatchRejectsWrongLengthsAndLeavesTheParametersAlone()
    {
        var network = new LayoutNet();
        float[] before = network.Parameters.ToArray();
        var sgd = new Sgd(0.1f);
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[Batch * 7 + 2], Targets, Batch, sgd)), Batch * 7, "inputs");
        AssertNamesExpectedLength(Assert.Throws<ArgumentException>(() => network.TrainBatch(Inputs, new float[Batch * 3 - 1], Batch, sgd)), Batch * 3, "targets");
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, sgd.StepCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NonPositiveBatchSizesThrow(int batchSize)
    {
        var network = new LayoutNet();
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(Inputs, Outputs, batchSize));
        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(Inputs, Targets, batchSize, new Sgd(0.1f)));
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, batchSize));
        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, batchSize, new Sgd(0.1f)));
    }

    [Fact]
    public void ANullOptimizerThrowsArgumentNullException()
    {
        var network = new LayoutNet();
        float[] before = network.Parameters.ToArray();
        Assert.Throws<ArgumentNullException>(() => network.TrainStep(Input, Target, null!));
        Assert.Throws<ArgumentNullException>(() => network.TrainBatch(Inputs, Targets, Batch, null!));
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
    }

    [Fact]
    public void BackwardBeforeAnyForwardThrows()
    {
        Assert.Throws<InvalidOperationException>(() => new LayoutNet().Backward(Target));
        Assert.Throws<InvalidOperationException>(() => new LargeNet().Backward(new float[LargeNet.OutputSize]));
    }

    [Fact]
    public void BackwardOnAFreshCloneThrows()
    {
        // The clone has its own workspace, so the original's Forward does not count for it.
        var network = new LayoutNet();
        network.Forward(Input, Output);
        LayoutNet clone = network.Clone();
        Assert.Throws<InvalidOperationException>(() => clone.Backward(Target));
    }

    [Fact]
    public void TheNetworkStillWorksAfterRejectedCalls()
    {
        var network = new LayoutNet();
        float[] input = TestData.Uniform(LayoutNet.InputSize, 3), expected = new float[LayoutNet.OutputSize], actual = new float[LayoutNet.OutputSize];
        network.Forward(input, expected);
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(new float[9], Output));
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(Inputs, Outputs, 0));
        network.Forward(input, actual);
        Assert.Equal(TestData.Bits(expected), TestData.Bits(actual));
    }
}
