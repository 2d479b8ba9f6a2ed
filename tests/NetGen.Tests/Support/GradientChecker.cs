using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Central finite differences on the float parameters of a network, compared with the gradient that
/// <see cref="INetwork.Backward"/> adds to <see cref="INetwork.Gradients"/>.
/// </summary>
/// <remarks>
/// <para><b>Sequences.</b> For a recurrent network the input is a whole sequence (steps × InputSize values) and the
/// target has the output's shape: steps × OutputSize values when the output runs on every step, else OutputSize. The
/// output is sized from the target, and the loss is the mean over the steps of each step's loss
/// (<see cref="DoubleReference.Loss(NetGen.Loss, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>), so backpropagation
/// through time is checked exactly as a feed-forward pass is.</para>
/// <para><b>Loss.</b> The finite difference differentiates the loss as PyTorch defines it
/// (<see cref="DoubleReference"/>, in double, from the outputs of the network's own float Forward), not the
/// value Backward returns, so a Backward that is consistent with a wrongly scaled loss (a sum instead of a
/// mean, say) is caught as well.</para>
/// <para><b>Stencil and step.</b> The five-point central difference
/// f′ ≈ [8(f(p+h) − f(p−h)) − (f(p+2h) − f(p−2h))] / 12h. Its truncation error is h⁴·|f⁽⁵⁾|/30, about 1e-10
/// here, so what remains is rounding: the forward pass is float32, each output carries a relative error of a
/// few ulps (ε = 6e-8), so the loss is known to δ ≈ 1e-6·max(1, |L|) at worst and the stencil turns that into
/// 1.5·δ/h. h = 1/128 (≈ 8e-3; a power of two, so p ± h is exact for most p) gives ≈ 2e-4·max(1, |L|) in
/// the worst case and a few 1e-5 typically. (The plain two-point difference with h = 1e-2 has a truncation
/// error h²·|f‴|/6 of up to 3e-4 on these networks, too close to the tolerance below.)</para>
/// <para><b>Tolerance.</b> A parameter passes when |analytic − fd| ≤ <see cref="AbsoluteTolerance"/>·max(1, |L|)
/// + <see cref="RelativeTolerance"/>·|fd|, atol = 3e-4 and rtol = 1e-2. On the 120 activation × loss networks the
/// largest error is below a fifth of its tolerance. A wrong factor of 2 (an error of 50–100 % of the gradient)
/// or a flipped sign (200 %) fails on every parameter whose gradient exceeds about 6e-4·max(1, |L|), which
/// most of them do; <see cref="AssertDetectsWrongFactors"/> verifies exactly that on every network checked.
/// So that a check cannot pass vacuously (every gradient tiny, or every parameter skipped), the checker also
/// requires ‖fd‖ ≥ <see cref="MinimumGradientNorm"/>, the global relative error ‖analytic − fd‖ / ‖fd‖ ≤
/// <see cref="MaximumGlobalRelativeError"/> (a factor 2 gives 0.5, a sign 2), and at most a quarter of the
/// parameters skipped.</para>
/// <para><b>Kink guard.</b> ReLU, leaky ReLU and SELU have a jump in φ′ at 0: a finite difference whose interval
/// [p − 2h, p + 2h] moves some pre-activation of such a layer across 0 measures a mix of the two slopes and
/// means nothing. The checker recomputes every pre-activation in double (<see cref="DoubleReference"/>) at
/// the five stencil points (every step's, for a sequence) and skips the parameter when any such pre-activation (<see cref="DoubleReference.HasKinkAtZero"/>) changes sign or
/// comes within 1e-5 of 0 (float rounding of z). Skips are counted and bounded; a skipped parameter is never
/// counted as a pass.</para>
/// </remarks>
internal static class GradientChecker
{
    public const float Step = 1f / 128;
    public const double AbsoluteTolerance = 3e-4;
    public const double RelativeTolerance = 1e-2;
    public const double MinimumGradientNorm = 1e-3;
    public const double MaximumGlobalRelativeError = 1e-2;
    public const double MaximumSkippedFraction = 0.25;
    private const double KinkMargin = 1e-5;

    /// <param name="LossScale">max(1, |L|): float rounding of the loss, and so the finite difference's noise, grows with it.</param>
    public sealed record Entry(int Index, double Analytic, double FiniteDifference, bool Skipped, double LossScale)
    {
        public double Error => Math.Abs(Analytic - FiniteDifference);
        public double Tolerance => AbsoluteTolerance * LossScale + RelativeTolerance * Math.Abs(FiniteDifference);
        public bool Passes => Error <= Tolerance;
    }

    public sealed record Result(IReadOnlyList<Entry> Entries)
    {
        public IEnumerable<Entry> Checked => Entries.Where(e => !e.Skipped);
        public int SkippedCount => Entries.Count(e => e.Skipped);
        public double FiniteDifferenceNorm => Math.Sqrt(Checked.Sum(e => e.FiniteDifference * e.FiniteDifference));
        public double GlobalRelativeError => Math.Sqrt(Checked.Sum(e => e.Error * e.Error)) / FiniteDifferenceNorm;
        public double MaxError => Checked.Select(e => e.Error).DefaultIfEmpty(0).Max();
        /// <summary>The largest error as a fraction of its tolerance (below 1 passes).</summary>
        public double MaxErrorToTolerance => Checked.Select(e => e.Error / e.Tolerance).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Analytic and finite-difference gradients of one sample's loss with respect to every parameter. A sample of a
    /// recurrent network is a sequence; <paramref name="target"/> has the output's shape (see the remarks).
    /// </summary>
    public static Result Compute(INetwork network, Loss loss, float[] input, float[] target)
    {
        var output = new float[target.Length];
        network.ZeroGradients();
        network.Forward(input, output);
        double lossScale = Math.Max(1.0, Math.Abs(network.Backward(target)));
        float[] analytic = network.Gradients.ToArray();
        network.ZeroGradients();

        Span<float> parameters = network.Parameters;
        var entries = new List<Entry>(parameters.Length);
        for (int k = 0; k < parameters.Length; k++)
        {
            float original = parameters[k];
            double lossPlus1 = PerturbedLoss(network, loss, input, target, output, k, original + Step);
            double lossMinus1 = PerturbedLoss(network, loss, input, target, output, k, original - Step);
            double lossPlus2 = PerturbedLoss(network, loss, input, target, output, k, original + 2 * Step);
            double lossMinus2 = PerturbedLoss(network, loss, input, target, output, k, original - 2 * Step);
            parameters[k] = original;
            double fd = (8 * (lossPlus1 - lossMinus1) - (lossPlus2 - lossMinus2)) / (12.0 * Step);
            bool kink = StraddlesKink(network, input, SequenceOutput(network, target), k, [original - 2 * Step, original - Step, original, original + Step, original + 2 * Step]);
            entries.Add(new Entry(k, analytic[k], fd, kink, lossScale));
        }
        return new Result(entries);
    }

    private static double PerturbedLoss(INetwork network, Loss loss, float[] input, float[] target, float[] output, int k, float value)
    {
        network.Parameters[k] = value;
        network.Forward(input, output);
        return DoubleReference.Loss(loss, output, target, network.OutputSize);
    }

    /// <summary>Whether a target of this length is one output per step (so the last recurrent layer returns sequences).</summary>
    public static bool SequenceOutput(INetwork network, float[] target) => target.Length > network.OutputSize;

    /// <summary>
    /// Biases start at zero. Adding values in [−0.1, 0.3) to them makes the check see the bias terms of the
    /// forward pass (a forward pass that ignored b would be invisible at b = 0 only through b's own gradient)
    /// and keeps more ReLU units active, so fewer gradients are exactly zero. A recurrent layer's two biases get
    /// different values (a pass that used b_ih twice and b_hh never would otherwise compute the same), and an
    /// LSTM's ForgetBias stays in effect because the values are added.
    /// </summary>
    public static void RandomizeBiases(INetwork network, int seed)
    {
        float[] values = TestData.Uniform(network.ParameterCount, seed);
        foreach (LayerInfo layer in network.Layers)
        {
            int bias = layer.ParameterOffset + layer.WeightCount;
            for (int o = 0; o < layer.BiasCount; o++) network.Parameters[bias + o] += 0.1f + 0.2f * values[bias + o];
        }
    }

    /// <summary>
    /// Randomises the biases (<paramref name="seed"/>), then checks the gradients of <paramref name="samples"/> random
    /// samples together (inputs and targets from seeds derived from <paramref name="seed"/>; for cross-entropy the last
    /// target is soft, not one-hot), including that a wrong factor would have been caught.
    /// </summary>
    public static void AssertMatchesOnSamples(INetwork network, Loss loss, string what, int samples, int seed)
    {
        RandomizeBiases(network, seed);
        var entries = Enumerable.Range(0, samples).SelectMany(sample =>
        {
            float[] input = TestData.Uniform(network.InputSize, 25 * seed + sample);
            float[] target = loss == Loss.CrossEntropy && sample == samples - 1
                ? TestData.SoftTarget(network.OutputSize, 25 * seed + 10 + sample)
                : TestData.Target(loss, network.OutputSize, 25 * seed + 10 + sample);
            return Compute(network, loss, input, target).Entries;
        }).ToList();
        var result = new Result(entries);
        AssertMatches(result, network, what);
        AssertDetectsWrongFactors(result, what);
    }

    /// <summary>Runs <see cref="Compute"/> and asserts that the gradients agree (see the class remarks).</summary>
    public static Result AssertMatches(INetwork network, Loss loss, float[] input, float[] target, string what)
    {
        float[] before = network.Parameters.ToArray();
        Result result = Compute(network, loss, input, target);
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters)); // restored exactly
        AssertMatches(result, network, what);
        return result;
    }

    /// <summary>Whether every assertion of <see cref="AssertMatches(Result, INetwork, string)"/> holds.</summary>
    public static bool Passes(Result result)
        => result.Checked.All(e => e.Passes && !double.IsNaN(e.Analytic))
           && result.SkippedCount <= MaximumSkippedFraction * result.Entries.Count
           && result.FiniteDifferenceNorm >= MinimumGradientNorm
           && result.GlobalRelativeError <= MaximumGlobalRelativeError;

    /// <summary>
    /// The check's own sensitivity: the same result with the analytic gradient doubled, halved or negated must
    /// fail, or the tolerances would be too loose to catch those bugs on this network.
    /// </summary>
    public static void AssertDetectsWrongFactors(Result result, string what)
    {
        foreach (double factor in new[] { 2.0, 0.5, -1.0 })
        {
            var corrupted = new Result(result.Entries.Select(e => e with { Analytic = e.Analytic * factor }).ToList());
            Assert.False(Passes(corrupted), $"{what}: the gradient check would also accept the gradient multiplied by {factor}.");
        }
    }

    public static void AssertMatches(Result result, INetwork network, string what)
    {
        List<Entry> failures = result.Checked.Where(e => !e.Passes || double.IsNaN(e.Analytic)).ToList();
        Assert.True(failures.Count == 0, $"{what}: {failures.Count} of {result.Checked.Count()} checked parameters disagree " +
            $"({result.SkippedCount} skipped at kinks):\n{Describe(failures, network)}");
        Assert.True(result.SkippedCount <= MaximumSkippedFraction * result.Entries.Count,
            $"{what}: the kink guard skipped {result.SkippedCount} of {result.Entries.Count} parameters; the check would be too thin.");
        Assert.True(result.FiniteDifferenceNorm >= MinimumGradientNorm,
            $"{what}: the gradient norm is {result.FiniteDifferenceNorm:G3}, too small for the check to mean anything.");
        Assert.True(result.GlobalRelativeError <= MaximumGlobalRelativeError,
            $"{what}: global relative error {result.GlobalRelativeError:G3}:\n{Describe(result.Checked.OrderByDescending(e => e.Error).Take(10), network)}");
    }

    /// <summary>
    /// Whether moving parameter <paramref name="k"/> over [<paramref name="minus"/>, <paramref name="plus"/>] flips the sign of a
    /// pre-activation with a kink at 0 (ReLU, leaky ReLU, SELU), or brings one within float rounding of 0, or changes
    /// which input of a max-pooling window wins.
    /// </summary>
    private static bool StraddlesKink(INetwork network, float[] input, bool sequenceOutput, int k, float[] values)
    {
        if (!network.Layers.Any(layer => DoubleReference.HasKinkAtZero(layer.Activation) || layer.Kind is LayerKind.MaxPool1D or LayerKind.MaxPool2D)) return false;
        Span<float> parameters = network.Parameters;
        float original = parameters[k];
        var points = new List<DoubleReference.PreActivation>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            points[i] = new List<DoubleReference.PreActivation>();
            parameters[k] = values[i];
            DoubleReference.Forward(network.Layers, parameters, input, points[i], sequenceOutput, network.Buffers);
        }
        parameters[k] = original;
        for (int layer = 0; layer < points[0].Count; layer++)
        {
            if (points[0][layer].Choices is { } choices)
            {
                // Max pooling: another input of a window winning somewhere in the stencil is a kink.
                for (int output = 0; output < choices.Length; output++)
                    foreach (List<DoubleReference.PreActivation> point in points)
                        if (point[layer].Choices![output] != choices[output]) return true;
                continue;
            }
            if (!DoubleReference.HasKinkAtZero(points[0][layer].Activation)) continue;
            for (int unit = 0; unit < points[0][layer].Z.Length; unit++)
            {
                int sign = Math.Sign(points[0][layer].Z[unit]);
                foreach (List<DoubleReference.PreActivation> point in points)
                {
                    double z = point[layer].Z[unit];
                    if (Math.Sign(z) != sign || Math.Abs(z) < KinkMargin) return true;
                }
            }
        }
        return false;
    }

    public static string Describe(IEnumerable<Entry> entries, INetwork network)
    {
        var text = new StringBuilder();
        foreach (Entry e in entries.Take(12))
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  parameter {e.Index} ({Locate(network, e.Index)}): analytic {e.Analytic:G6}, finite difference {e.FiniteDifference:G6}, ratio {e.Analytic / e.FiniteDifference:G4}"));
        return text.ToString();
    }

    /// <summary>
    /// "Layer.weight[o, i]" or "Layer.bias[o]" for a parameter index; for recurrent layers PyTorch's
    /// "Layer.weight_ih[r, i]", "weight_hh[r, j]", "bias_ih[r]", "bias_hh[r]" (r a row: gate·H + unit for an LSTM or a GRU).
    /// </summary>
    public static string Locate(INetwork network, int index)
    {
        foreach (LayerInfo layer in network.Layers)
        {
            if (index < layer.ParameterOffset || index >= layer.ParameterOffset + layer.ParameterCount) continue;
            int local = index - layer.ParameterOffset;
            if (layer.Kind is LayerKind.Recurrent or LayerKind.Lstm or LayerKind.Gru)
            {
                int rows = layer.Rows, inputWeights = rows * layer.InputSize;
                return local < inputWeights ? Format($"{layer.Name}.weight_ih[{local / layer.InputSize}, {local % layer.InputSize}]")
                    : local < layer.WeightCount ? Format($"{layer.Name}.weight_hh[{(local - inputWeights) / layer.OutputSize}, {(local - inputWeights) % layer.OutputSize}]")
                    : local < layer.WeightCount + rows ? Format($"{layer.Name}.bias_ih[{local - layer.WeightCount}]")
                    : Format($"{layer.Name}.bias_hh[{local - layer.WeightCount - rows}]");
            }
            int weights = layer.WeightCount;
            return local >= weights ? Format($"{layer.Name}.bias[{local - weights}]")
                : layer.Kind == LayerKind.Dense ? Format($"{layer.Name}.weight[{local / layer.InputSize}, {local % layer.InputSize}]")
                : Format($"{layer.Name}.weight[{local}]"); // flat: a convolution's [filters, C, kh, kw], a normalisation's γ
        }
        return "?";
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
