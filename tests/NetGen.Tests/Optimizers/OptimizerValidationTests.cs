using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Optimizer constructors reject bad hyperparameters; an optimizer serves one network.</summary>
public sealed class OptimizerValidationTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void SgdRejectsABadLearningRate(float learningRate)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(learningRate));

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void SgdRejectsABadMomentum(float momentum)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, momentum));

    [Theory]
    [InlineData(0f, 0.9f, 0.999f, 1e-8f)]
    [InlineData(-1e-3f, 0.9f, 0.999f, 1e-8f)]
    [InlineData(float.NaN, 0.9f, 0.999f, 1e-8f)]
    [InlineData(1e-3f, 1f, 0.999f, 1e-8f)]
    [InlineData(1e-3f, -0.1f, 0.999f, 1e-8f)]
    [InlineData(1e-3f, float.NaN, 0.999f, 1e-8f)]
    [InlineData(1e-3f, 0.9f, 1f, 1e-8f)]
    [InlineData(1e-3f, 0.9f, -0.5f, 1e-8f)]
    [InlineData(1e-3f, 0.9f, 0.999f, 0f)]
    [InlineData(1e-3f, 0.9f, 0.999f, -1e-8f)]
    [InlineData(1e-3f, 0.9f, 0.999f, float.PositiveInfinity)]
    public void AdamRejectsBadHyperparameters(float learningRate, float beta1, float beta2, float epsilon)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate, beta1, beta2, epsilon));

    [Fact]
    public void GoodHyperparametersAreKept()
    {
        var sgd = new Sgd(0.25f, 0f);
        Assert.Equal(0.25f, sgd.LearningRate);
        Assert.Equal(0f, sgd.Momentum);
        var adam = new Adam();
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        Assert.Null(adam.MaxGradientNorm);
        _ = new Adam(1e-3f, beta1: 0f, beta2: 0f); // β = 0 is allowed, as in PyTorch
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void MaxGradientNormRejectsNonPositiveOrNonFiniteValues(float value)
    {
        var sgd = new Sgd(0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.MaxGradientNorm = value);
        sgd.MaxGradientNorm = 2f;
        sgd.MaxGradientNorm = null; // turning clipping off is fine
        Assert.Null(sgd.MaxGradientNorm);
    }

    [Fact]
    public void AnOptimizerReusedWithADifferentParameterCountThrows()
    {
        var adam = new Adam();
        var small = new SmallNet();
        small.TrainStep(new float[SmallNet.InputSize], TestData.OneHot(SmallNet.OutputSize, 0), adam);
        var other = new LayoutNet();
        float[] before = other.Parameters.ToArray();
        ArgumentException e = Assert.Throws<ArgumentException>(() => other.TrainStep(new float[LayoutNet.InputSize], new float[LayoutNet.OutputSize], adam));
        Assert.Contains(SmallNet.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal(TestData.Bits(before), TestData.Bits(other.Parameters));

        var sgd = new Sgd(0.1f, momentum: 0.5f);
        sgd.Step(new float[3], new float[3]);
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[4], new float[4]));
    }

    [Fact]
    public void GradientsOfTheWrongLengthThrow()
    {
        var sgd = new Sgd(0.1f);
        var parameters = new float[] { 1, 2, 3 };
        Assert.Throws<ArgumentException>(() => sgd.Step(parameters, new float[2]));
        Assert.Equal(new float[] { 1, 2, 3 }, parameters);
        Assert.Equal(0, sgd.StepCount);
    }
}
