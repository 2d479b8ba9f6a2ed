using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Weight decay against double-precision references written from PyTorch's update rules (torch.optim.SGD, Adam and
/// AdamW with weight_decay), over several steps; which parameters decay; the unfused SGD path; 0 B per step.
/// </summary>
[Trait("Category", "Numerical")]
public sealed class WeightDecayTests
{
    private const int Steps = 4;
    private static readonly float[] Start = [0.5f, -1.25f, 2f, 0f, 0.75f, -0.3f];

    // A different gradient at each step, of either sign.
    private static float[] Gradient(int step) => [0.1f * step, -0.4f, 0.25f / step, 3f - step, -0.2f, 0.05f * step];

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance = 2e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    // torch.optim.SGD: g ← g + λ·p (decayed parameters only); b ← μ·b + g (b₁ = g₁); p ← p − lr·b.
    private static double[] SgdReference(double lr, double mu, double lambda, bool[] decayed)
    {
        double[] p = Array.ConvertAll(Start, v => (double)v), buffer = new double[p.Length];
        for (int t = 1; t <= Steps; t++)
        {
            float[] g = Gradient(t);
            for (int i = 0; i < p.Length; i++)
            {
                double d = g[i] + (decayed[i] ? lambda * p[i] : 0);
                buffer[i] = t == 1 ? d : mu * buffer[i] + d;
                p[i] -= lr * buffer[i];
            }
        }
        return p;
    }

    // torch.optim.Adam (L2: g ← g + λ·p) and AdamW (decoupled: p ← p·(1 − lr·λ) first), then
    // m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
    private static double[] AdamReference(double lr, double lambda, bool decoupled, bool[] decayed)
    {
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        double[] p = Array.ConvertAll(Start, v => (double)v), m = new double[p.Length], v = new double[p.Length];
        for (int t = 1; t <= Steps; t++)
        {
            float[] grad = Gradient(t);
            for (int i = 0; i < p.Length; i++)
            {
                double g = grad[i];
                if (decayed[i] && decoupled) p[i] *= 1 - lr * lambda;
                else if (decayed[i]) g += lambda * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                p[i] -= lr / (1 - Math.Pow(beta1, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + epsilon);
            }
        }
        return p;
    }

    private static float[] Run(Optimizer optimizer)
    {
        float[] p = (float[])Start.Clone();
        for (int t = 1; t <= Steps; t++) optimizer.Step(p, Gradient(t));
        return p;
    }

    private static readonly bool[] All = [true, true, true, true, true, true];

    // PairNet: Out.weight (4 values) then Out.bias (2): only the weights decay.
    private static readonly bool[] PairWeights = [true, true, true, true, false, false];

    [Theory]
    [InlineData(0f)]
    [InlineData(0.9f)]
    public void SgdWeightDecayMatchesTorch(float momentum)
    {
        AssertClose(SgdReference(0.1, momentum, 0.05, All), Run(new Sgd(0.1f, momentum, weightDecay: 0.05f) { DecayAllParameters = true }));
        var layered = new Sgd(0.1f, momentum, weightDecay: 0.05f);
        layered.UseLayout(new PairNet().Layers);
        AssertClose(SgdReference(0.1, momentum, 0.05, PairWeights), Run(layered));
    }

    [Fact]
    public void AdamWMatchesTorch()
    {
        var adamW = new AdamW(learningRate: 0.01f, weightDecay: 0.5f);
        adamW.UseLayout(new PairNet().Layers);
        AssertClose(AdamReference(0.01, 0.5, decoupled: true, PairWeights), Run(adamW));
        AssertClose(AdamReference(0.01, 0.5, decoupled: true, All), Run(new AdamW(0.01f, weightDecay: 0.5f) { DecayAllParameters = true }));
    }

    [Fact]
    public void AdamWithL2MatchesTorch()
    {
        var adam = new Adam(learningRate: 0.01f, weightDecay: 0.5f);
        adam.UseLayout(new PairNet().Layers);
        AssertClose(AdamReference(0.01, 0.5, decoupled: false, PairWeights), Run(adam));
    }

    [Fact]
    public void TheReferenceTellsDecayFromNoDecay()
    {
        // The tests above could fail: the decayed and undecayed updates differ well beyond their tolerance.
        double[] decayed = AdamReference(0.01, 0.5, decoupled: true, All), plain = AdamReference(0.01, 0, decoupled: true, All);
        Assert.True(Math.Abs(decayed[2] - plain[2]) > 1e-4);
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertClose(plain, Run(new AdamW(0.01f, weightDecay: 0.5f) { DecayAllParameters = true })));
    }

    [Fact]
    public void AdamWDefaultsAreTorchs()
    {
        var adamW = new AdamW();
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f), (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay));
        Assert.Equal(0f, new Adam().WeightDecay);
        Assert.Equal(0f, new Sgd(0.1f).WeightDecay);
    }

    [Fact]
    public void TrainStepDecaysTheWeightsAndNotTheBiases()
    {
        // One SGD step through the generated code: p ← p − lr·(g + λ·p) on Out.weight, p ← p − lr·g on Out.bias.
        var net = new XorTrainingNet();
        float[] before = net.Parameters.ToArray();
        net.TrainStep([0.5f, -1f], [1f], new Sgd(0.5f, weightDecay: 0.2f));
        float[] gradient = net.Gradients.ToArray();
        int weights = 0;
        foreach (LayerInfo layer in net.Layers)
        {
            for (int i = layer.ParameterOffset; i < layer.ParameterOffset + layer.ParameterCount; i++)
            {
                bool isWeight = i < layer.ParameterOffset + layer.WeightCount;
                double expected = before[i] - 0.5 * (gradient[i] + (isWeight ? 0.2 * before[i] : 0));
                Assert.Equal(expected, net.Parameters[i], 1e-6);
                if (isWeight) weights++;
            }
        }
        Assert.Equal(12, weights); // Hidden.weight 4×2, Out.weight 1×4
    }

    // An IOptimizer that is not an Sgd: the generated code calls Step after the backward pass.
    private sealed class Unfused(Optimizer inner) : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => inner.Step(parameters, gradients);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.01f)]
    public void TheGeneratedSgdStepEqualsStepBitForBit(float weightDecay)
    {
        float[] inputs = TestData.Uniform(8 * 16, 1), targets = TestData.Uniform(16, 2);
        var fused = new DeepReluNet();
        var unfused = new DeepReluNet();
        var sgd = new Sgd(0.01f, weightDecay: weightDecay);
        var reference = new Sgd(0.01f, weightDecay: weightDecay);
        reference.UseLayout(unfused.Layers);
        var probe = new Sgd(0.01f, weightDecay: weightDecay);
        probe.UseLayout(fused.Layers);
        Assert.Equal(new NetGen.Numerics.FusedStep(-0.01f, 1f - 0.01f * weightDecay, 1f), probe.BeginFusedStep(DeepReluNet.ParameterCount));
        for (int step = 0; step < 3; step++)
        {
            fused.TrainBatch(inputs, targets, 16, sgd);
            unfused.TrainBatch(inputs, targets, 16, new Unfused(reference));
            fused.TrainStep(inputs.AsSpan(0, 8), targets.AsSpan(0, 1), sgd);
            unfused.TrainStep(inputs.AsSpan(0, 8), targets.AsSpan(0, 1), new Unfused(reference));
        }
        Assert.Equal(TestData.Bits(unfused.Parameters.ToArray()), TestData.Bits(fused.Parameters.ToArray()));
        Assert.Equal(6, sgd.StepCount);
    }

    /// <summary>
    /// The fused step with weight decay equals Step's bit for bit on every kind that steps inside its backward pass
    /// (dense written out and as kernels, convolution, LSTM through time, batch normalisation, whose γ and β do not
    /// decay), one sample and a batch at a time, and with DecayAllParameters.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFusedStepWithDecayEqualsStepBitForBitOnEveryKind(bool decayAll)
    {
        (Func<INetwork> Create, int InputLength, int TargetLength, bool SingleSamples)[] cases =
        [
            (() => new DeepReluNet(), 8, 1, true),
            (() => new SmallCnn(), 84, 3, true),
            (() => new SequenceLstmNet(), 9, 9, true),
            (() => new NetGen.Tests.Networks.BatchNormMlp(), 6, 3, false),
        ];
        foreach ((Func<INetwork> create, int inputLength, int targetLength, bool singleSamples) in cases)
        {
            INetwork fused = create(), unfused = create();
            var sgd = new Sgd(0.05f, weightDecay: 0.1f) { DecayAllParameters = decayAll };
            var reference = new Sgd(0.05f, weightDecay: 0.1f) { DecayAllParameters = decayAll };
            reference.UseLayout(unfused.Layers);
            float[] inputs = TestData.Uniform(inputLength * 4, 3), targets = TestData.Uniform(targetLength * 4, 4);
            for (int step = 0; step < 3; step++)
            {
                fused.TrainBatch(inputs, targets, 4, sgd);
                unfused.TrainBatch(inputs, targets, 4, new Unfused(reference));
                if (!singleSamples) continue;
                fused.TrainStep(inputs.AsSpan(0, inputLength), targets.AsSpan(0, targetLength), sgd);
                unfused.TrainStep(inputs.AsSpan(0, inputLength), targets.AsSpan(0, targetLength), new Unfused(reference));
            }
            string name = fused.GetType().Name;
            Assert.True(TestData.Bits(unfused.Parameters.ToArray()).SequenceEqual(TestData.Bits(fused.Parameters.ToArray())), name);
            Assert.True(sgd.StepCount == reference.StepCount, name + ": the fused step counts its steps");
        }
    }

    [Fact]
    public void StepWithDecayAndNoLayoutThrows()
    {
        var adamW = new AdamW();
        float[] p = (float[])Start.Clone();
        var error = Assert.Throws<InvalidOperationException>(() => adamW.Step(p, Gradient(1)));
        Assert.Contains("UseLayout", error.Message);
        Assert.Equal(Start, p);
        Assert.Equal(0, adamW.StepCount);
        new Adam(0.01f).Step(p, Gradient(1)); // no decay: no layout needed
    }

    [Fact]
    public void ALayoutOfAnotherSizeThrows()
    {
        var sgd = new Sgd(0.1f, weightDecay: 0.1f);
        sgd.UseLayout(new XorTrainingNet().Layers);
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[6], new float[6]));
        Assert.Throws<ArgumentNullException>(() => sgd.UseLayout(null!));
        Assert.Throws<ArgumentException>(() => sgd.UseLayout([]));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ABadWeightDecayThrows(float weightDecay)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, weightDecay: weightDecay));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(weightDecay: weightDecay));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: weightDecay));
    }

    [Theory]
    [InlineData(-1e-3f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ABadLearningRateCannotBeSet(float rate)
    {
        var sgd = new Sgd(0.1f);
        var adamW = new AdamW();
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = rate);
        Assert.Throws<ArgumentOutOfRangeException>(() => adamW.LearningRate = rate);
        Assert.Equal((0.1f, 1e-3f), (sgd.LearningRate, adamW.LearningRate));
        sgd.LearningRate = 0f; // where a cosine schedule may end
    }

    [Fact]
    public void AdamWStateImportsIntoAdamWOnly()
    {
        var adamW = new AdamW(0.01f) { DecayAllParameters = true };
        Run(adamW);
        OptimizerState state = adamW.ExportState();
        Assert.Equal("AdamW", state.Optimizer);
        Assert.Throws<ArgumentException>(() => new Adam().ImportState(state));
        var resumed = new AdamW(0.01f) { DecayAllParameters = true };
        resumed.ImportState(state);
        float[] a = (float[])Start.Clone(), b = (float[])Start.Clone();
        adamW.Step(a, Gradient(5));
        resumed.Step(b, Gradient(5));
        Assert.Equal(TestData.Bits(a), TestData.Bits(b));
    }

    [Fact]
    public void StepsWithDecayAllocateNothing()
    {
        var net = new DeepReluNet();
        float[] inputs = TestData.Uniform(8 * 16, 1), targets = TestData.Uniform(16, 2);
        foreach (Optimizer optimizer in new Optimizer[] { new Sgd(0.01f, weightDecay: 0.01f), new Sgd(0.01f, 0.9f, 0.01f), new AdamW(), new Adam(weightDecay: 0.01f) })
        {
            DeepReluNet current = net;
            // AllocationTests.Measure: warmed up, then the smallest of up to three windows (tiered compilation allocates once).
            Assert.Equal(0, AllocationTests.Measure(() =>
            {
                current.TrainStep(inputs.AsSpan(0, 8), targets.AsSpan(0, 1), optimizer);
                current.TrainBatch(inputs, targets, 16, optimizer);
            }, out _));
            net = new DeepReluNet(); // a fresh network for the next optimizer
        }
    }
}
