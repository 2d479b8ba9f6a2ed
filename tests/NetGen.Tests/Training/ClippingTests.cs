using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Exploding gradients: eight ReLU layers with their He weights tripled multiply the signal by about 3 per layer,
/// so the output and the gradients start some 3⁸ ≈ 6,500 times too large. SGD without clipping overshoots and
/// diverges; with the global gradient norm clipped, the same SGD trains.
/// </summary>
public sealed class ClippingTests
{
    private const float LearningRate = 0.01f, WeightScale = 3f;

    private static Dataset Data()
    {
        float[] inputs = TestData.Uniform(64 * 8, 11);
        float[] targets = new float[64];
        for (int i = 0; i < 64; i++) targets[i] = inputs.AsSpan(i * 8, 8).ToArray().Sum() / 4f;
        return new Dataset(inputs, 8, targets, 1);
    }

    private static DeepReluNet ExplodingNet()
    {
        var net = new DeepReluNet();
        foreach (LayerInfo layer in net.Layers.Where(l => l.Kind == LayerKind.Dense && l.Name != "Out"))
            foreach (ref float w in net.Parameters.Slice(layer.ParameterOffset, layer.WeightCount)) w *= WeightScale;
        return net;
    }

    [Fact]
    public void WithoutClippingTrainingDiverges()
    {
        var trainer = new Trainer(ExplodingNet(), new Sgd(LearningRate)) { Epochs = 50, BatchSize = 16 };
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Data()));
        Assert.True(error.Epoch <= 2, error.Message);
    }

    [Fact]
    public void WithClippingTheSameNetworkTrains()
    {
        var trainer = new Trainer(ExplodingNet(), new Sgd(LearningRate) { MaxGradientNorm = 1f }) { Epochs = 50, BatchSize = 16 };
        TrainingResult result = trainer.Train(Data());
        Assert.True(result.History[0].GradientNorm > 100f, $"first-epoch gradient norm {result.History[0].GradientNorm}");
        Assert.Equal(4, result.History[0].ClippedSteps);
        Assert.True(result.Last.TrainLoss < 1e-2 * result.History[0].TrainLoss,
            $"loss {result.History[0].TrainLoss} -> {result.Last.TrainLoss}");
    }
}
