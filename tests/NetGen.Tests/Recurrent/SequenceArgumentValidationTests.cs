using System;
using System.Text.RegularExpressions;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// SPEC §2 for sequences: an input must be a positive whole number of steps (a multiple of InputSize, 7 here); the
/// output and the target must have the output's shape for that many steps (steps × 3 values for
/// <see cref="SequenceLayoutNet"/>, whose output runs on every step; 3 values for <see cref="LastStepNet"/>); a batch
/// must hold batchSize sequences of equal length. Wrong lengths throw ArgumentException naming the expected length
/// or multiple, and change nothing. The wrong lengths are chosen so that the expected number appears in the message
/// only if the message names it.
/// </summary>
public sealed class SequenceArgumentValidationTests
{
    private const int Batch = 4;
    private const int Steps = 5;
    private const int In = 7, Out = 3;

    private static void AssertNames(ArgumentException exception, long expected, string parameter)
    {
        Assert.Matches(new Regex($@"(?<![\d.]){expected}(?![\d.])"), exception.Message);
        Assert.Equal(parameter, exception.ParamName);
    }

    public static TheoryData<int> InputLengthsThatAreNotWholeSteps() => new(0, 1, 6, 8, Steps * In + 1, Steps * In - 2);

    [Theory]
    [MemberData(nameof(InputLengthsThatAreNotWholeSteps))]
    public void ForwardRejectsAnInputThatIsNotAWholeNumberOfSteps(int length)
    {
        var network = new SequenceLayoutNet();
        AssertNames(Assert.Throws<ArgumentException>(() => network.Forward(new float[length], new float[Out])), In, "input");
        var lastStep = new LastStepNet();
        AssertNames(Assert.Throws<ArgumentException>(() => lastStep.Forward(new float[length], new float[Out])), In, "input");
    }

    [Theory]
    [InlineData(Out)]                 // one step's worth for a 5-step sequence
    [InlineData(Steps * Out - 1)]
    [InlineData(Steps * Out + Out)]   // one step too many
    [InlineData(0)]
    public void ForwardRejectsAnOutputThatIsNotOneRowPerStep(int length)
    {
        var network = new SequenceLayoutNet();
        AssertNames(Assert.Throws<ArgumentException>(() => network.Forward(new float[Steps * In], new float[length])), Steps * Out, "output");
    }

    [Theory]
    [InlineData(Steps * Out)] // one row per step, for a network that outputs the last step only
    [InlineData(Out - 1)]
    [InlineData(2 * Out)]
    public void ForwardRejectsAnOutputThatIsNotTheLastStepsShape(int length)
    {
        var network = new LastStepNet();
        AssertNames(Assert.Throws<ArgumentException>(() => network.Forward(new float[Steps * In], new float[length])), Out, "output");
    }

    [Fact]
    public void BackwardRejectsATargetOfTheWrongShapeForTheStepsRunForward()
    {
        var network = new SequenceLayoutNet();
        network.Forward(new float[Steps * In], new float[Steps * Out]);
        AssertNames(Assert.Throws<ArgumentException>(() => network.Backward(new float[Out])), Steps * Out, "target");
        AssertNames(Assert.Throws<ArgumentException>(() => network.Backward(new float[(Steps + 1) * Out])), Steps * Out, "target");
        network.Forward(new float[2 * In], new float[2 * Out]); // a shorter sequence: the expected target follows it
        AssertNames(Assert.Throws<ArgumentException>(() => network.Backward(new float[Steps * Out])), 2 * Out, "target");

        var lastStep = new LastStepNet();
        lastStep.Forward(new float[Steps * In], new float[Out]);
        AssertNames(Assert.Throws<ArgumentException>(() => lastStep.Backward(new float[Steps * Out])), Out, "target");
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
        Assert.All(lastStep.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void TrainStepRejectsWrongLengthsAndLeavesTheParametersAlone()
    {
        var network = new SequenceLayoutNet();
        float[] before = network.Parameters.ToArray();
        var sgd = new Sgd(0.1f);
        AssertNames(Assert.Throws<ArgumentException>(() => network.TrainStep(new float[Steps * In + 3], new float[Steps * Out], sgd)), In, "input");
        AssertNames(Assert.Throws<ArgumentException>(() => network.TrainStep(new float[Steps * In], new float[Out], sgd)), Steps * Out, "target");
        AssertNames(Assert.Throws<ArgumentException>(() => network.TrainStep(new float[Steps * In], new float[(Steps - 1) * Out], sgd)), Steps * Out, "target");
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, sgd.StepCount);
    }

    [Theory]
    [InlineData(Batch * Steps * In + In)] // one step more, spread over the batch: not a whole number of steps each
    [InlineData(Batch * Steps * In - 1)]
    [InlineData(Steps * In)]              // one sequence where four were promised: 35 is not a multiple of 28
    [InlineData(0)]
    public void BatchesRejectInputsThatAreNotBatchSizeSequencesOfWholeSteps(int length)
    {
        var network = new SequenceLayoutNet();
        float[] before = network.Parameters.ToArray();
        var sgd = new Sgd(0.1f);
        AssertNames(Assert.Throws<ArgumentException>(() => network.Forward(new float[length], new float[Batch * Steps * Out], Batch)), Batch * In, "inputs");
        AssertNames(Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[length], new float[Batch * Steps * Out], Batch, sgd)), Batch * In, "inputs");
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, sgd.StepCount);
    }

    [Theory]
    [InlineData(Batch * Out)]                // the last step of each sequence only
    [InlineData(Batch * Steps * Out - 1)]
    [InlineData(Steps * Out)]                // one sequence's targets
    public void BatchesRejectTargetsAndOutputsOfTheWrongLength(int length)
    {
        var network = new SequenceLayoutNet();
        float[] before = network.Parameters.ToArray();
        var sgd = new Sgd(0.1f);
        var inputs = new float[Batch * Steps * In];
        AssertNames(Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, new float[length], Batch, sgd)), Batch * Steps * Out, "targets");
        AssertNames(Assert.Throws<ArgumentException>(() => network.Forward(inputs, new float[length], Batch)), Batch * Steps * Out, "outputs");
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.Equal(0, sgd.StepCount);

        var lastStep = new LastStepNet();
        AssertNames(Assert.Throws<ArgumentException>(() => lastStep.TrainBatch(inputs, new float[Batch * Steps * Out], Batch, sgd)), Batch * Out, "targets");
        AssertNames(Assert.Throws<ArgumentException>(() => lastStep.Forward(inputs, new float[Batch * Out + 1], Batch)), Batch * Out, "outputs");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NonPositiveBatchSizesThrow(int batchSize)
    {
        var network = new SequenceLayoutNet();
        var inputs = new float[Batch * Steps * In];
        var targets = new float[Batch * Steps * Out];
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(inputs, targets, batchSize));
        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(inputs, targets, batchSize, new Sgd(0.1f)));
        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, batchSize, new Sgd(0.1f)));
    }

    [Fact]
    public void ATooLargeBatchDoesNotOverflow()
    {
        // batchSize × InputSize overflows int: the check must still reject the span, not wrap around and accept it.
        var network = new SequenceLayoutNet();
        int batchSize = int.MaxValue / In + 1;
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(new float[In], new float[Out], batchSize));
    }

    [Fact]
    public void BackwardBeforeAnyForwardThrows()
    {
        Assert.Throws<InvalidOperationException>(() => new SequenceLayoutNet().Backward(new float[Out]));
        Assert.Throws<InvalidOperationException>(() => new LastStepNet().Backward(new float[Out]));
        var network = new LastStepNet();
        network.Forward(new float[Steps * In], new float[Out]);
        Assert.Throws<InvalidOperationException>(() => network.Clone().Backward(new float[Out]));
    }

    [Fact]
    public void ARejectedForwardLeavesTheLastForwardForBackward()
    {
        // Backward differentiates "the last sample run forward". A Forward that is rejected (here for its output
        // length, after the input was read) must not change which sample that is: not its input, not its step
        // count, and not the workspace it was kept in (a longer rejected sequence must not grow it away).
        float[] input = TestData.Uniform(3 * In, 5), target = TestData.Uniform(Out, 6);
        var expected = new LastStepNet();
        expected.Forward(input, new float[Out]);
        expected.Backward(target);

        var network = new LastStepNet();
        network.Forward(input, new float[Out]);
        Assert.Throws<ArgumentException>(() => network.Forward(TestData.Uniform(40 * In, 7), new float[Out + 1]));
        Assert.Throws<ArgumentException>(() => network.Forward(TestData.Uniform(2 * In, 8), new float[Out - 1]));
        network.Backward(target);
        Assert.Equal(TestData.Bits(expected.Gradients), TestData.Bits(network.Gradients));
    }

    [Fact]
    public void TheNetworkStillWorksAfterRejectedCalls()
    {
        var network = new SequenceLayoutNet();
        float[] input = TestData.Uniform(Steps * In, 3);
        float[] expected = new float[Steps * Out], actual = new float[Steps * Out];
        network.Forward(input, expected);
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(new float[Steps * In + 1], expected.AsSpan()));
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(new float[40 * In], new float[Out]));
        Assert.ThrowsAny<ArgumentException>(() => network.Forward(new float[Batch * In], new float[Out], Batch));
        network.Forward(input, actual);
        Assert.Equal(TestData.Bits(expected), TestData.Bits(actual));
    }
}
