using System;
using System.Numerics.Tensors;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>The trainer's guard: non-finite losses, gradients and parameters stop training with the step and layer named, and the last good parameters kept.</summary>
public sealed class DivergenceGuardTests
{
    [Fact]
    public void AnOverflowingGradientNamesTheLayerWhereTheBackwardPassOverflowed()
    {
        // L1–L3 are identities and Out reads unit 0 with weight 1e30: y = 1e30 for x = (1, 1, 1, 1), t = 0.
        // dL/dy = 2e30 is finite, so are Out's gradients; L3's δ₀ = 1e30 · 2e30 overflows, and below it everything.
        var net = new LinearStackNet();
        net.Parameters.Clear();
        foreach (DenseLayer layer in new[] { net.L1, net.L2, net.L3 })
            for (int i = 0; i < 4; i++) layer.Weights[i * 4 + i] = 1f;
        net.Out.Weights[0] = 1e30f;
        float[] before = net.Parameters.ToArray();

        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(net, new Sgd(0.1f)).Train(new Dataset([1f, 1f, 1f, 1f], 4, [0f], 1)));

        Assert.Equal(DivergedQuantity.Gradients, error.Quantity);
        Assert.Equal((3, "L3", 1L, 1), (error.LayerIndex, error.LayerName, error.Step, error.Epoch));
        Assert.Contains("step 1 (epoch 1)", error.Message);
        Assert.Contains("'L3' (layer 3, Dense): weight 0 of its 20 gradients is Infinity", error.Message);
        Assert.Contains("also non-finite in 'L2', 'L1'", error.Message);
        Assert.Equal(before, net.Parameters.ToArray()); // the update was not applied
    }

    [Fact]
    public void AnInfiniteLossWithFiniteGradientsRestoresTheParametersBeforeTheStep()
    {
        // y = 0.5 + 1e20, t = 0: the loss 1e40 overflows, the gradients (1e20, 2e20) do not.
        var net = new LineNet();
        net.Out.Weights[0] = 1f;
        net.Out.Bias[0] = 1e20f;
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(net, new Sgd(1e-3f)).Train(new Dataset([0.5f], 1, [0f], 1)));
        Assert.Equal((DivergedQuantity.Loss, "Out", 1), (error.Quantity, error.LayerName, error.LayerIndex));
        Assert.Contains("the loss computed on output layer 'Out' is Infinity", error.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void DivergingSgdStopsWithTheLastGoodParameters()
    {
        // A learning rate far too large: |w| grows about 5,000-fold a step until something overflows.
        var net = new LineNet();
        var recorder = new StepRecorder(new Sgd(1e3f));
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(net, recorder) { Epochs = 100 }.Train(new Dataset([1f, 2f], 1, [1f, 2f], 1)));
        Assert.InRange(error.Step, 3, 20);
        Assert.Equal(error.Step, error.Epoch); // one full-batch step an epoch
        Assert.Contains($"step {error.Step} ", error.Message);
        Assert.True(TensorPrimitives.IsFiniteAll<float>(net.Parameters));
        Assert.Equal(recorder.ParametersAfter[(int)error.Step - 2], net.Parameters.ToArray());
    }

    [Fact]
    public void AnOptimizerThatFailsHalfwayLeavesTheParametersAsTheyWere()
    {
        var net = new PairNet();
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(net, new FailingOptimizer()).Train(new Dataset([1f, 2f], 2, [0f, 1f], 2)));
        Assert.Equal("halfway", error.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    /// <summary>Writes into the first half of the parameters, then throws.</summary>
    private sealed class FailingOptimizer : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            parameters[..(parameters.Length / 2)].Fill(42f);
            throw new InvalidOperationException("halfway");
        }
    }
}
