using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

public class AutoencoderTests
{
    // Central differences of the mean reconstruction error against the gradient TrainBatch hands to the optimizer.
    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Silu)]
    [InlineData(Activation.Selu)]
    public void GradientMatchesFiniteDifferences(Activation activation)
    {
        var autoencoder = new Autoencoder(inputCount: 5, unitCount: 3, activation, seed: 4);
        var random = new SeededRandom(8);
        for (int i = 0; i < autoencoder.Parameters.Length; i++) autoencoder.Parameters[i] = (float)random.NextSymmetric(0.8);
        float[] inputs = new float[2 * 5];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextSymmetric(1.0);

        var recorder = new RecordingOptimizer();
        float loss = autoencoder.TrainBatch(inputs, 2, recorder);
        Assert.Equal(autoencoder.ReconstructionError(inputs, 2), loss, 5);
        float[] analytic = recorder.Gradients[0];

        const float h = 1f / 128;
        double errorSquares = 0, normSquares = 0;
        for (int p = 0; p < analytic.Length; p++)
        {
            float saved = autoencoder.Parameters[p];
            autoencoder.Parameters[p] = saved + h;
            double plus = autoencoder.ReconstructionError(inputs, 2);
            autoencoder.Parameters[p] = saved - h;
            double minus = autoencoder.ReconstructionError(inputs, 2);
            autoencoder.Parameters[p] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[p]) < 2e-3 + 2e-2 * Math.Abs(numeric), $"parameter {p}: analytic {analytic[p]}, numeric {numeric}");
            errorSquares += (numeric - analytic[p]) * (numeric - analytic[p]);
            normSquares += numeric * numeric;
        }
        Assert.True(normSquares > 1e-2, "gradient too small for the check to mean anything");
        Assert.True(Math.Sqrt(errorSquares / normSquares) < 1e-2);
    }

    [Fact]
    public void MaskingNoiseZeroesInputsButTargetsTheCleanOnes()
    {
        var autoencoder = new Autoencoder(6, 3, Activation.Sigmoid, seed: 2);
        float[] inputs = [1f, 2f, 3f, 4f, 5f, 6f];
        // The same stream, drawn input by input, says which inputs the step zeroes.
        var draws = new SeededRandom(3);
        float[] corrupted = (float[])inputs.Clone();
        for (int i = 0; i < corrupted.Length; i++) if (draws.NextDouble() < 0.5) corrupted[i] = 0f;
        Assert.Contains(0f, corrupted);
        Assert.Contains(corrupted, v => v != 0f);

        var reconstruction = new float[6];
        autoencoder.Reconstruct(corrupted, reconstruction, 1);
        double expected = 0;
        for (int i = 0; i < 6; i++) expected += (reconstruction[i] - inputs[i]) * (reconstruction[i] - inputs[i]) / 6.0;
        float loss = autoencoder.TrainBatch(inputs, 1, new RecordingOptimizer(), corruption: 0.5f, new SeededRandom(3));
        Assert.Equal(expected, loss, 4);
        Assert.NotEqual(autoencoder.ReconstructionError(inputs, 1), loss, 2);

        Assert.Throws<ArgumentException>("random", () => autoencoder.TrainBatch(inputs, 1, new RecordingOptimizer(), corruption: 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>("corruption", () => autoencoder.TrainBatch(inputs, 1, new RecordingOptimizer(), corruption: 1f));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Throws<ArgumentOutOfRangeException>("activation", () => new Autoencoder(3, 2, Activation.Softmax));
        Assert.Throws<ArgumentOutOfRangeException>("inputCount", () => new Autoencoder(0, 2, Activation.Tanh));
        var autoencoder = new Autoencoder(3, 2, Activation.Relu);
        var e = Assert.Throws<ArgumentException>("codes", () => autoencoder.Encode(new float[3], new float[3], 1));
        Assert.Contains("Expected 2 values", e.Message);
        Assert.Throws<ArgumentNullException>("optimizer", () => autoencoder.TrainBatch(new float[3], 1, null!));
        Assert.Throws<ArgumentOutOfRangeException>("Corruption", () => new AutoencoderTrainingOptions { Corruption = -0.1f });
        Assert.Throws<ArgumentNullException>("Optimizer", () => new AutoencoderTrainingOptions { Optimizer = null! });
        Assert.Throws<ArgumentOutOfRangeException>("BatchSize", () => new AutoencoderTrainingOptions { BatchSize = 0 });
    }
}
