using System;
using NetGen.Activations;
using NetGen.Losses;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The public kernels, activations and losses that generated code calls: spans that are too short (or a target
/// of the wrong length) throw ArgumentException naming the parameter and the length expected, instead of an
/// IndexOutOfRangeException or reading past the end.
/// </summary>
public sealed class KernelArgumentTests
{
    private static void AssertExpects(Action call, string parameter, string expected)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DotNeedsBAsLongAsA()
        => AssertExpects(() => Kernels.Dot(new float[5], new float[4]), "b", "at least 5 values");

    [Fact]
    public void MultiplyAddNeedsXAsLongAsTheDestination()
        => AssertExpects(() => Kernels.MultiplyAdd(new float[6], new float[2], 1f), "x", "at least 6 values");

    [Fact]
    public void MatrixVectorAddNeedsRowsTimesColumnsWeights()
        => AssertExpects(() => Kernels.MatrixVectorAdd(new float[11], new float[4], new float[3]), "weights", "at least 12 values");

    [Fact]
    public void TransposedMatrixVectorAddNeedsRowsTimesColumnsWeights()
        => AssertExpects(() => Kernels.TransposedMatrixVectorAdd(new float[14], new float[3], new float[5]), "weights", "at least 15 values");

    [Fact]
    public void OuterProductAddNeedsRowsTimesColumnsGradients()
        => AssertExpects(() => Kernels.OuterProductAdd(new float[7], new float[2], new float[4]), "gradient", "at least 8 values");

    [Fact]
    public void ActivationNeedsADestinationAsLongAsTheSource()
        => AssertExpects(() => ActivationKernels.Apply<Tanh>(new float[9], new float[8]), "y", "at least 9 values");

    [Fact]
    public void DerivativeNeedsInputsAsLongAsTheGradient()
    {
        AssertExpects(() => ActivationKernels.MultiplyByDerivative<Tanh>(new float[3], new float[7], new float[7]), "x", "at least 7 values");
        AssertExpects(() => ActivationKernels.MultiplyByDerivative<Tanh>(new float[7], new float[3], new float[7]), "y", "at least 7 values");
    }

    [Fact]
    public void SoftmaxNeedsLogitsAndRoomForTheProbabilities()
    {
        AssertExpects(() => Softmax.Apply(ReadOnlySpan<float>.Empty, new float[3]), "z", "at least 1 value");
        AssertExpects(() => Softmax.Apply(new float[6], new float[5]), "p", "at least 6 values");
    }

    [Fact]
    public void MeanSquaredErrorNeedsMatchingTargetAndGradient()
    {
        AssertExpects(() => MeanSquaredError.Compute(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty), "output", "at least 1 value");
        AssertExpects(() => MeanSquaredError.Compute(new float[4], new float[3], new float[4]), "target", "Expected 4 values");
        AssertExpects(() => MeanSquaredError.Compute(new float[4], new float[4], new float[2]), "outputGradient", "at least 4 values");
    }

    [Fact]
    public void CrossEntropyNeedsMatchingProbabilitiesTargetAndGradient()
    {
        AssertExpects(() => CrossEntropy.ComputeFused(new float[5], new float[4], new float[5], new float[5]), "probabilities", "at least 5 values");
        AssertExpects(() => CrossEntropy.ComputeFused(new float[5], new float[5], new float[6], new float[5]), "target", "Expected 5 values");
        AssertExpects(() => CrossEntropy.ComputeFused(new float[5], new float[5], new float[5], new float[1]), "preActivationGradient", "at least 5 values");
    }

    [Fact]
    public void BinaryCrossEntropyNeedsMatchingTargetAndGradient()
    {
        AssertExpects(() => BinaryCrossEntropy.ComputeFused(new float[3], new float[2], new float[3]), "target", "Expected 3 values");
        AssertExpects(() => BinaryCrossEntropy.ComputeFused(new float[3], new float[3], new float[2]), "preActivationGradient", "at least 3 values");
    }

    /// <summary>The checks do not change results: MSE of (1, 3) against (0, 1) is (1 + 4)/2, gradient 2(y − t)/n.</summary>
    [Fact]
    public void ValidLengthsStillCompute()
    {
        var gradient = new float[2];
        Assert.Equal(2.5f, MeanSquaredError.Compute([1f, 3f], [0f, 1f], gradient));
        Assert.Equal([1f, 2f], gradient);
    }

    [Fact]
    public void InputLayerNeedsItsInfo()
        => Assert.Equal("info", Assert.Throws<ArgumentNullException>(() => new InputLayer(null!)).ParamName);
}
