using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Dropout's masks, read back from <see cref="DropoutProbe"/>'s gradients: drawn as the contract says (the seed's stream
/// −1 − layer, the layer's count of draws), kept with probability 1 − p, scaled by 1/(1 − p), reproducible, continued by a
/// clone; and the identity in Forward.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class DropoutTests
{
    private const int Seed = 21, Width = DropoutProbe.Width;
    private const double P = DropoutProbe.Probability;

    /// <summary>Every weight 1/Width, every input 1, the target 0: y = mean(mask) and ∂L/∂w_j = 2y·mask_j.</summary>
    private static DropoutProbe Probe(int? seed = null)
    {
        DropoutProbe network = seed is { } s ? new DropoutProbe(s) : new DropoutProbe();
        network.Out.Weights.Fill(1f / Width);
        return network;
    }

    private static readonly float[] Ones = Enumerable.Repeat(1f, Width).ToArray();

    /// <summary>One TrainStep; the masks it drew, recovered from the gradient of Out's weights.</summary>
    private static double[] StepMasks(INetwork network)
    {
        var optimizer = new RecordingOptimizer();
        float loss = network.TrainStep(Ones, [0f], optimizer);
        double y = Math.Sqrt(loss);
        return optimizer.Gradients[^1].Take(Width).Select(g => g / (2 * y)).ToArray();
    }

    private static int DrawsCounter(INetwork network) => network.Layers[1].CounterOffset;

    [Fact]
    public void MasksAreTheOnesTheContractDraws()
    {
        DropoutProbe network = Probe();
        for (int step = 0; step < 2; step++)
        {
            long draws = network.Counters[DrawsCounter(network)];
            double[] masks = StepMasks(network);
            for (int j = 0; j < Width; j++)
            {
                double expected = DoubleReference.DropoutKeeps(Seed, 1, draws + j, P) ? 1 / (1 - P) : 0;
                Assert.True(Math.Abs(masks[j] - expected) < 1e-3, $"step {step}, value {j}: mask {masks[j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void KeptValuesAreAboutOneMinusPAndScaledByItsInverse()
    {
        double[] masks = StepMasks(Probe());
        int kept = masks.Count(m => m != 0);
        // Binomial(Width, 1 − p): 4.5 standard deviations (√(n·p·(1 − p)) ≈ 29) either side; a wrong p (0.25 or 0.35) is 200 away.
        double bound = 4.5 * Math.Sqrt(Width * P * (1 - P));
        Assert.InRange(kept, Width * (1 - P) - bound, Width * (1 - P) + bound);
        Assert.All(masks.Where(m => m != 0), m => Assert.Equal(1 / (1 - P), m, 1e-3));
    }

    [Fact]
    public void TheSameSeedDrawsTheSameMasksAndAnotherSeedOthers()
    {
        double[] first = StepMasks(Probe()), again = StepMasks(Probe()), other = StepMasks(Probe(seed: 22));
        Assert.Equal(first, again);
        Assert.True(first.Zip(other).Count(pair => pair.First != pair.Second) > Width / 4, "another seed should draw other masks");
        DropoutProbe network = Probe();
        StepMasks(network);
        Assert.True(first.Zip(StepMasks(network)).Count(pair => pair.First != pair.Second) > Width / 4, "a second step should draw new masks");
    }

    [Fact]
    public void EachTrainingPassAdvancesTheDrawsCounter()
    {
        DropoutProbe network = Probe();
        Assert.Equal(0, network.Counters[DrawsCounter(network)]);
        StepMasks(network);
        Assert.Equal(Width, network.Counters[DrawsCounter(network)]);
        float[] inputs = TestData.Uniform(3 * Width, 1);
        network.TrainBatch(inputs, new float[3], 3, new RecordingOptimizer());
        Assert.Equal(4 * Width, network.Counters[DrawsCounter(network)]);
    }

    [Fact]
    public void ForwardIsTheIdentityAndDrawsNothing()
    {
        DropoutProbe network = Probe();
        StepMasks(network);
        long draws = network.Counters[DrawsCounter(network)];
        float[] input = TestData.Uniform(Width, 2);
        var output = new float[1];
        network.Forward(input, output);
        double expected = input.Sum(x => (double)x) / Width; // w = 1/Width, b = 0, no value dropped or scaled
        Assert.Equal(expected, output[0], 1e-5);
        var outputs = new float[2];
        network.Forward([.. input, .. input], outputs, 2);
        Assert.Equal([output[0], output[0]], outputs);
        Assert.Equal(draws, network.Counters[DrawsCounter(network)]);
    }

    [Fact]
    public void AClonedNetworkContinuesTheSameMasks()
    {
        DropoutProbe network = Probe();
        StepMasks(network);
        DropoutProbe clone = network.Clone();
        Assert.Equal(network.Counters.ToArray(), clone.Counters.ToArray());
        Assert.Equal(StepMasks(network), StepMasks(clone));
    }
}
