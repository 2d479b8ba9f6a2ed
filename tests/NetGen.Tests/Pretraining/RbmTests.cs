using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

public class RbmTests
{
    private const double Tolerance = 1e-5;

    // W = [[0.5, −1], [0.25, 0.75]] (rows are hidden units), c = [0.1, −0.2], b = [−0.3, 0.2].
    private static Rbm TinyRbm(RbmVisibleUnits units = RbmVisibleUnits.Bernoulli)
    {
        var rbm = new Rbm(2, 2, units);
        float[] weights = [0.5f, -1f, 0.25f, 0.75f];
        weights.CopyTo(rbm.Weights);
        rbm.HiddenBias[0] = 0.1f;
        rbm.HiddenBias[1] = -0.2f;
        rbm.VisibleBias[0] = -0.3f;
        rbm.VisibleBias[1] = 0.2f;
        return rbm;
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void MeanFieldCD1MatchesTheHandComputedUpdate()
    {
        // By hand, for v0 = [1, 0] and ε = 0.5: p(h|v0) = σ([0.6, 0.05]) = [0.645656, 0.512497];
        // v1 = σ(b + Wᵀ·p(h|v0)) = [0.537667, 0.484684]; p(h|v1) = [0.471070, 0.573936];
        // ΔW_ji = ε(p0_j·v0_i − p1_j·v1_i), Δc = ε(p0 − p1), Δb = ε(v0 − v1).
        Rbm rbm = TinyRbm();
        var cd = new ContrastiveDivergence(rbm, new RbmTrainingOptions { LearningRate = 0.5f, Sampling = RbmSampling.MeanField }, new SeededRandom(1));
        cd.Step([1f, 0f], 1);
        AssertClose([0.696189, -1.114160, 0.351955, 0.610911], rbm.Weights);
        AssertClose([0.187293, -0.230719], rbm.HiddenBias);
        AssertClose([-0.068833, -0.042342], rbm.VisibleBias);
    }

    [Fact]
    public void SampledCD1DrawsTheHiddenStatesFromTheGivenStream()
    {
        // Seed 1's first two uniforms (0.026, 0.971) are below p(h1|v0) = 0.6457 and above p(h2|v0) = 0.5125, so h0 = [1, 0]; then by
        // hand v1 = σ(b + W₁) = [0.549834, 0.310026] (visible probabilities, RbmSampling.Hidden) and
        // p(h|v1) = [0.516217, 0.542392].
        var draws = new SeededRandom(1);
        Assert.True(draws.NextDouble() < 0.6457 && draws.NextDouble() >= 0.5125, "seed 1 no longer draws h0 = [1, 0]");
        Rbm rbm = TinyRbm();
        var cd = new ContrastiveDivergence(rbm, new RbmTrainingOptions { LearningRate = 0.5f }, new SeededRandom(1));
        cd.Step([1f, 0f], 1);
        AssertClose([0.680911, -1.080020, 0.357136, 0.665922], rbm.Weights);
        AssertClose([0.164720, -0.214947], rbm.HiddenBias);
        AssertClose([-0.074917, 0.044987], rbm.VisibleBias);
    }

    [Fact]
    public void WeightDecayAndMomentumFollowTheDocumentedUpdate()
    {
        // Velocity v ← μv + ε(g − λW), W ← W + v, over two steps; ε·g is measured by a plain step on a copy.
        var plain = new RbmTrainingOptions { LearningRate = 0.5f, Sampling = RbmSampling.MeanField };
        const float momentum = 0.5f, decay = 0.1f, rate = 0.5f;
        Rbm rbm = TinyRbm();
        var cd = new ContrastiveDivergence(rbm, plain with { Momentum = momentum, WeightDecay = decay }, new SeededRandom(1));
        float[] w0 = rbm.Weights.ToArray(), c0 = rbm.HiddenBias.ToArray();
        (float[] move1, float[] biasMove1) = PlainMove(rbm, plain);
        cd.Step([1f, 0f], 1);
        float[] velocity = new float[4];
        for (int i = 0; i < 4; i++)
        {
            velocity[i] = move1[i] - rate * decay * w0[i];
            Assert.Equal(w0[i] + velocity[i], rbm.Weights[i], 5);
        }
        for (int j = 0; j < 2; j++) Assert.Equal(c0[j] + biasMove1[j], rbm.HiddenBias[j], 5); // biases are not decayed

        float[] w1 = rbm.Weights.ToArray();
        (float[] move2, _) = PlainMove(rbm, plain);
        cd.Step([1f, 0f], 1);
        for (int i = 0; i < 4; i++) Assert.Equal(w1[i] + momentum * velocity[i] + move2[i] - rate * decay * w1[i], rbm.Weights[i], 5);
    }

    // ε·g at the RBM's current parameters: the change a plain step makes to a copy (weights, hidden bias).
    private static (float[] Weights, float[] HiddenBias) PlainMove(Rbm rbm, RbmTrainingOptions options)
    {
        var copy = new Rbm(rbm.VisibleCount, rbm.HiddenCount);
        rbm.Weights.CopyTo(copy.Weights);
        rbm.HiddenBias.CopyTo(copy.HiddenBias);
        rbm.VisibleBias.CopyTo(copy.VisibleBias);
        new ContrastiveDivergence(copy, options, new SeededRandom(1)).Step([1f, 0f], 1);
        var weights = new float[rbm.Weights.Length];
        var bias = new float[rbm.HiddenCount];
        for (int i = 0; i < weights.Length; i++) weights[i] = copy.Weights[i] - rbm.Weights[i];
        for (int j = 0; j < bias.Length; j++) bias[j] = copy.HiddenBias[j] - rbm.HiddenBias[j];
        return (weights, bias);
    }

    [Fact]
    public void PersistentChainsCarryOnFromThePreviousStepInsteadOfTheData()
    {
        Rbm rbm = TinyRbm();
        var options = new RbmTrainingOptions { LearningRate = 0.5f, Sampling = RbmSampling.MeanField, Persistent = true, BatchSize = 2 };
        var pcd = new ContrastiveDivergence(rbm, options, new SeededRandom(1));
        Assert.True(pcd.Chains.IsEmpty);
        pcd.Step([1f, 0f], 1); // a short first batch fills both chains from its one row
        float[] chains = pcd.Chains.ToArray();
        Assert.Equal(4, chains.Length);
        Assert.Equal(chains[0], chains[2]);

        // The next step runs the chains on from there under the current weights; the new data ([0, 1]) plays no part.
        var hidden = new float[4];
        var expected = new float[4];
        rbm.HiddenProbabilities(chains, hidden, 2);
        rbm.VisibleMeans(hidden, expected, 2);
        var restarted = new float[2];
        var restartedHidden = new float[2];
        rbm.HiddenProbabilities([0f, 1f], restartedHidden, 1);
        rbm.VisibleMeans(restartedHidden, restarted, 1);
        pcd.Step([0f, 1f], 1);
        AssertClose([expected[0], expected[1], expected[2], expected[3]], pcd.Chains);
        Assert.True(Math.Abs(restarted[0] - pcd.Chains[0]) > 1e-3, "the chain restarted at the data, as plain CD would");

        var cd = new ContrastiveDivergence(TinyRbm(), options with { Persistent = false }, new SeededRandom(1));
        cd.Step([1f, 0f], 1);
        Assert.True(cd.Chains.IsEmpty);
    }

    [Theory]
    [InlineData(RbmVisibleUnits.Bernoulli)]
    [InlineData(RbmVisibleUnits.Gaussian)]
    public void FreeEnergyMatchesABruteForceSumOverTheHiddenStates(RbmVisibleUnits units)
    {
        var rbm = new Rbm(3, 2, units, seed: 9);
        float[] weights = [0.8f, -1.2f, 0.3f, -0.5f, 1.1f, 0.7f];
        weights.CopyTo(rbm.Weights);
        rbm.HiddenBias[0] = -0.4f;
        rbm.HiddenBias[1] = 0.6f;
        float[] visibleBias = [0.2f, -0.7f, 0.5f];
        visibleBias.CopyTo(rbm.VisibleBias);
        float[] v = [1f, 0.5f, -0.25f];
        Assert.Equal(BruteForceFreeEnergy(rbm, v), rbm.FreeEnergy(v), 5);
    }

    // F(v) = −log Σ_h e^−E(v,h), with E from the definition and every h in {0,1}^H enumerated.
    private static double BruteForceFreeEnergy(Rbm rbm, ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (float[] h in PretrainingData.AllBinary(rbm.HiddenCount))
        {
            double energy = 0;
            for (int i = 0; i < rbm.VisibleCount; i++)
                energy += rbm.VisibleUnits == RbmVisibleUnits.Bernoulli
                    ? -rbm.VisibleBias[i] * v[i]
                    : 0.5 * (v[i] - rbm.VisibleBias[i]) * (v[i] - rbm.VisibleBias[i]);
            for (int j = 0; j < rbm.HiddenCount; j++)
            {
                energy -= rbm.HiddenBias[j] * h[j];
                for (int i = 0; i < rbm.VisibleCount; i++) energy -= h[j] * rbm.Weights[j * rbm.VisibleCount + i] * v[i];
            }
            sum += Math.Exp(-energy);
        }
        return -Math.Log(sum);
    }

    // An RBM whose distribution over 3 visible units is far from uniform.
    private static Rbm SkewedRbm()
    {
        var rbm = new Rbm(3, 2);
        float[] weights = [2f, -1.5f, 1f, -1f, 2.5f, -2f];
        weights.CopyTo(rbm.Weights);
        rbm.HiddenBias[0] = -0.5f;
        rbm.HiddenBias[1] = 0.3f;
        float[] visibleBias = [-1f, 0.5f, 0.2f];
        visibleBias.CopyTo(rbm.VisibleBias);
        return rbm;
    }

    // p(v) ∝ e^−F(v) over the 8 binary states, with F by brute force.
    private static double[] ExactDistribution(Rbm rbm)
    {
        float[][] states = PretrainingData.AllBinary(rbm.VisibleCount);
        var p = new double[states.Length];
        double total = 0;
        for (int s = 0; s < states.Length; s++) total += p[s] = Math.Exp(-BruteForceFreeEnergy(rbm, states[s]));
        for (int s = 0; s < p.Length; s++) p[s] /= total;
        return p;
    }

    [Fact]
    public void GibbsSamplingReachesTheExactDistribution()
    {
        Rbm rbm = SkewedRbm();
        double[] exact = ExactDistribution(rbm);
        const int chains = 20000;
        var visible = new float[chains * 3]; // every chain starts at [0, 0, 0]
        rbm.Gibbs(visible, chains, steps: 20, new SeededRandom(5));
        var counts = new double[8];
        for (int c = 0; c < chains; c++) counts[PretrainingData.IndexOf(visible.AsSpan(c * 3, 3))]++;
        double distance = 0, fromUniform = 0;
        for (int s = 0; s < 8; s++)
        {
            distance += Math.Abs(counts[s] / chains - exact[s]) / 2;
            fromUniform += Math.Abs(1.0 / 8 - exact[s]) / 2;
        }
        // Sampling error: TV ≈ Σ sd/2 ≈ 0.01 for 20,000 draws; a wrong conditional (e.g. W instead of Wᵀ) lands far off.
        Assert.True(distance < 0.025, $"total variation {distance:F4} from the exact distribution");
        Assert.True(fromUniform > 0.2, $"the test distribution is too close to uniform ({fromUniform:F3}) to tell anything");
    }

    [Fact]
    public void PseudoLikelihoodIsTheSumOfExactConditionals()
    {
        Rbm rbm = SkewedRbm();
        double[] exact = ExactDistribution(rbm);
        float[][] states = PretrainingData.AllBinary(3);
        float[] v = states[5]; // [1, 0, 1]
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            int flipped = 5 ^ (1 << i);
            expected += Math.Log(exact[5] / (exact[5] + exact[flipped])); // p(v_i | v_−i)
        }
        Assert.Equal(expected, rbm.PseudoLikelihood(v, 1), 5);
        Assert.Throws<InvalidOperationException>(() => new Rbm(3, 2, RbmVisibleUnits.Gaussian).PseudoLikelihood(v, 1));
    }

    [Fact]
    public void GaussianVisibleUnitsAreLinearWithUnitVarianceNoise()
    {
        Rbm rbm = TinyRbm(RbmVisibleUnits.Gaussian);
        var means = new float[2];
        rbm.VisibleMeans([1f, 1f], means, 1);
        AssertClose([-0.3 + 0.5 + 0.25, 0.2 - 1 + 0.75], means); // b + Wᵀh, no squashing

        const int count = 20000;
        var hidden = new float[count * 2];
        hidden.AsSpan().Fill(1f);
        var samples = new float[count * 2];
        rbm.SampleVisible(hidden, samples, count, new SeededRandom(2));
        double sum = 0, squares = 0;
        for (int r = 0; r < count; r++)
        {
            double noise = samples[r * 2] - means[0];
            sum += noise;
            squares += noise * noise;
        }
        Assert.InRange(sum / count, -0.03, 0.03);           // sd of the mean: 1/√20000 ≈ 0.007
        Assert.InRange(squares / count, 0.96, 1.04);         // sd of the variance: √(2/20000) ≈ 0.01
    }

    [Fact]
    public void GaussianRbmLearnsTwoClusters()
    {
        // Two clusters at ±(1.2, −1.2) with noise 0.3: a Gaussian RBM with 2 hidden units reconstructs them well.
        const int count = 400;
        var data = new float[count * 2];
        var random = new SeededRandom(3);
        for (int r = 0; r < count; r++)
        {
            float sign = r % 2 == 0 ? 1f : -1f;
            data[r * 2] = sign * 1.2f + (float)(0.3 * random.NextNormal());
            data[r * 2 + 1] = -sign * 1.2f + (float)(0.3 * random.NextNormal());
        }
        var rbm = new Rbm(2, 2, RbmVisibleUnits.Gaussian, seed: 1);
        double before = rbm.ReconstructionError(data, count);
        rbm.Train(data, new RbmTrainingOptions { LearningRate = 0.01f, Epochs = 30, Momentum = 0.5f, Seed = 1 });
        double after = rbm.ReconstructionError(data, count);
        Assert.True(after < 0.3 * before, $"reconstruction error {before:F3} -> {after:F3}");
    }

    [Fact]
    public void CD1LearnsFourPatternsInAFewHundredUpdates()
    {
        Dataset data = PretrainingData.Repeated(100);
        var rbm = new Rbm(6, 4, seed: 2);
        double pseudoBefore = rbm.PseudoLikelihood(data.Inputs, data.Count);
        rbm.Train(data, new RbmTrainingOptions { LearningRate = 0.1f, Epochs = 30, Momentum = 0.5f, Seed = 2 });
        double error = rbm.ReconstructionError(data.Inputs, data.Count);
        double pseudoAfter = rbm.PseudoLikelihood(data.Inputs, data.Count);
        Assert.True(error < 0.05, $"reconstruction error {error:F4}");
        Assert.True(pseudoAfter > pseudoBefore + 2, $"pseudo-likelihood {pseudoBefore:F3} -> {pseudoAfter:F3}");
    }

    [Fact]
    public void TrainingIsAPureFunctionOfTheSeeds()
    {
        Dataset data = PretrainingData.Repeated(10);
        var options = new RbmTrainingOptions { Epochs = 2, Persistent = true, Sampling = RbmSampling.HiddenAndVisible, Seed = 7 };
        Rbm a = new(6, 3, seed: 1), b = new(6, 3, seed: 1), c = new(6, 3, seed: 1);
        a.Train(data, options);
        b.Train(data, options);
        c.Train(data, options with { Seed = 8 });
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.NotEqual(a.Weights.ToArray(), c.Weights.ToArray());
    }

    [Fact]
    public void BadArgumentsNameTheParameterAndTheExpectation()
    {
        Assert.Throws<ArgumentOutOfRangeException>("visibleCount", () => new Rbm(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>("hiddenCount", () => new Rbm(2, -1));
        Assert.Throws<ArgumentOutOfRangeException>("visibleUnits", () => new Rbm(2, 2, (RbmVisibleUnits)7));
        var rbm = new Rbm(3, 2);
        var e = Assert.Throws<ArgumentException>("hidden", () => rbm.HiddenProbabilities(new float[6], new float[3], 2));
        Assert.Contains("Expected 4 values (2 rows of 2)", e.Message);
        Assert.Throws<ArgumentException>("visible", () => rbm.VisibleMeans(new float[2], new float[2], 1));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => rbm.HiddenProbabilities([], [], 0));
        Assert.Throws<ArgumentOutOfRangeException>("steps", () => rbm.Gibbs(new float[3], 1, -1, new SeededRandom(1)));
        e = Assert.Throws<ArgumentException>("samples", () => rbm.Train(new float[4], new RbmTrainingOptions()));
        Assert.Contains("multiple of 3", e.Message);
        Assert.Throws<ArgumentException>("data", () => rbm.Train(PretrainingData.Repeated(1), new RbmTrainingOptions()));

        Assert.Throws<ArgumentOutOfRangeException>("LearningRate", () => new RbmTrainingOptions { LearningRate = 0f });
        Assert.Throws<ArgumentOutOfRangeException>("LearningRate", () => new RbmTrainingOptions { LearningRate = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>("GibbsSteps", () => new RbmTrainingOptions { GibbsSteps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("Momentum", () => new RbmTrainingOptions { Momentum = 1f });
        Assert.Throws<ArgumentOutOfRangeException>("WeightDecay", () => new RbmTrainingOptions { WeightDecay = -1f });
        Assert.Throws<ArgumentOutOfRangeException>("BatchSize", () => new RbmTrainingOptions { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("Epochs", () => new RbmTrainingOptions { Epochs = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("Sampling", () => new RbmTrainingOptions { Sampling = (RbmSampling)9 });
    }
}
