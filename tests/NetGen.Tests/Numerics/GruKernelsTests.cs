using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <see cref="GruKernels"/> against torch.nn.GRUCell's equations written out in double precision (gate order r, z, n):
/// <code>
///     gi = W_ih·x + b_ih,  gh = W_hh·h₋₁ + b_hh           (3H values each, blocks r, z, n)
///     r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ⊙ gh_n),  h = (1 − z) ⊙ n + z ⊙ h₋₁
/// </code>
/// The hidden sizes cover one unit, the 8- and 16-lane loops with and without a scalar tail, and several blocks
/// (only this machine's widest path runs: DOTNET_EnableAVX512=0 runs the 256-bit one, DOTNET_EnableAVX2=0 the scalar loop alone).
/// Also <see cref="DoubleReference"/>'s GRU layer, on a case worked out by hand and against the kernels over a sequence.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class GruKernelsTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int> Units() => new(1, 3, 8, 16, 17, 32, 33, 64);

    /// <summary>Gate products large enough that the sigmoids and the tanh reach well into their flat parts.</summary>
    private static (float[] Gi, float[] Gh, float[] PreviousHidden) Inputs(int units, int seed)
        => (TestData.Uniform(3 * units, seed, scale: 3), TestData.Uniform(3 * units, seed + 1, scale: 3), TestData.Uniform(units, seed + 2));

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>The step in double: r, z, n and h.</summary>
    private static (double[] Gates, double[] Hidden) Step(ReadOnlySpan<double> gi, ReadOnlySpan<double> gh, ReadOnlySpan<double> previousHidden)
    {
        int units = previousHidden.Length;
        double[] gates = new double[3 * units], hidden = new double[units];
        for (int j = 0; j < units; j++)
        {
            double r = Sigmoid(gi[j] + gh[j]), z = Sigmoid(gi[units + j] + gh[units + j]);
            double n = Math.Tanh(gi[2 * units + j] + r * gh[2 * units + j]);
            (gates[j], gates[units + j], gates[2 * units + j]) = (r, z, n);
            hidden[j] = (1 - z) * n + z * previousHidden[j];
        }
        return (gates, hidden);
    }

    private static double[] Widen(ReadOnlySpan<float> values)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++) widened[i] = values[i];
        return widened;
    }

    private static void AssertClose(double expected, float actual, string what)
        => Assert.True(Math.Abs(actual - expected) <= Tolerance * (1 + Math.Abs(expected)), $"{what}: {actual} vs {expected}");

    [Theory]
    [MemberData(nameof(Units))]
    public void ForwardMatchesTheDoubleFormula(int units)
    {
        (float[] gi, float[] gh, float[] hp) = Inputs(units, 10);
        float[] gates = new float[3 * units], candidate = new float[units], h = new float[units];
        Cell(gi, gh, hp, gates, candidate, h);
        (double[] expectedGates, double[] expectedHidden) = Step(Widen(gi), Widen(gh), Widen(hp));
        for (int k = 0; k < 3 * units; k++) AssertClose(expectedGates[k], gates[k], $"gate {"rzn"[k / units]}[{k % units}]");
        for (int j = 0; j < units; j++)
        {
            Assert.Equal(gh[2 * units + j], candidate[j]);
            AssertClose(expectedHidden[j], h[j], $"h[{j}]");
        }
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void BackwardMatchesTheDoubleFormula(int units)
    {
        (float[] gi, float[] gh, float[] hp) = Inputs(units, 20);
        float[] dh = TestData.Uniform(units, 23, scale: 2);
        float[] gates = new float[3 * units], candidate = new float[units], h = new float[units];
        Cell(gi, gh, hp, gates, candidate, h);
        float[] dgi = new float[3 * units], dgh = new float[3 * units], dhp = new float[units];
        GruKernels.GruCellBackward(gates, candidate, hp, dh, dgi, dgh, dhp);
        for (int j = 0; j < units; j++)
        {
            double r = gates[j], z = gates[units + j], n = gates[2 * units + j], d = dh[j];
            double dn = d * (1 - z), dz = d * (hp[j] - n);
            double dnHat = dn * (1 - n * n), dr = dnHat * candidate[j];
            double drHat = dr * r * (1 - r), dzHat = dz * z * (1 - z);
            AssertClose(drHat, dgi[j], $"d(gi_r)[{j}]");
            AssertClose(dzHat, dgi[units + j], $"d(gi_z)[{j}]");
            AssertClose(dnHat, dgi[2 * units + j], $"d(gi_n)[{j}]");
            AssertClose(drHat, dgh[j], $"d(gh_r)[{j}]");
            AssertClose(dzHat, dgh[units + j], $"d(gh_z)[{j}]");
            AssertClose(dnHat * r, dgh[2 * units + j], $"d(gh_n)[{j}]");
            AssertClose(d * z, dhp[j], $"dh₋₁[{j}]");
        }
    }

    /// <summary>
    /// L = Σ c_j·h_j in double, differentiated by central differences in each of gi, gh and h₋₁ (with gh held fixed,
    /// so ∂L/∂h₋₁ is the direct part the kernel returns); the kernel gets dh = c.
    /// </summary>
    [Theory]
    [MemberData(nameof(Units))]
    public void BackwardMatchesCentralDifferencesOfASumOfTheHiddenState(int units)
    {
        const double Delta = 1e-5;
        (float[] gi, float[] gh, float[] hp) = Inputs(units, 30);
        float[] c = TestData.Uniform(units, 33, scale: 2);
        float[] gates = new float[3 * units], candidate = new float[units], h = new float[units];
        float[] dgi = new float[3 * units], dgh = new float[3 * units], dhp = new float[units];
        Cell(gi, gh, hp, gates, candidate, h);
        GruKernels.GruCellBackward(gates, candidate, hp, c, dgi, dgh, dhp);

        double[][] point = [Widen(gi), Widen(gh), Widen(hp)];
        float[][] gradients = [dgi, dgh, dhp];
        string[] names = ["gi", "gh", "h₋₁"];
        for (int p = 0; p < point.Length; p++)
            for (int k = 0; k < point[p].Length; k++)
            {
                double saved = point[p][k];
                point[p][k] = saved + Delta;
                double plus = Loss(point, c);
                point[p][k] = saved - Delta;
                double minus = Loss(point, c);
                point[p][k] = saved;
                AssertClose((plus - minus) / (2 * Delta), gradients[p][k], $"∂L/∂{names[p]}[{k}]");
            }
    }

    private static double Loss(double[][] point, float[] c)
    {
        double[] hidden = Step(point[0], point[1], point[2]).Hidden;
        double sum = 0;
        for (int j = 0; j < hidden.Length; j++) sum += c[j] * hidden[j];
        return sum;
    }

    [Fact]
    public void ShortSpansThrowAnArgumentExceptionNamingTheSpan()
    {
        const int H = 5;
        float[] three = new float[3 * H], one = new float[H], shortThree = new float[3 * H - 1], shortOne = new float[H - 1];
        float[] gates = new float[3 * H], candidate = new float[H], h = new float[H], dgi = new float[3 * H], dgh = new float[3 * H], dhp = new float[H];
        float[] two = new float[2 * H], shortTwo = new float[2 * H - 1];
        AssertNames("resetUpdate", () => GruKernels.GruCell(shortTwo, one, one, one, gates, h));
        AssertNames("inputCandidate", () => GruKernels.GruCell(two, shortOne, one, one, gates, h));
        AssertNames("hiddenCandidate", () => GruKernels.GruCell(two, one, shortOne, one, gates, h));
        AssertNames("previousHidden", () => GruKernels.GruCell(two, one, one, shortOne, gates, h));
        AssertNames("gates", () => GruKernels.GruCell(two, one, one, one, shortThree, h));
        AssertNames("gates", () => GruKernels.GruCellBackward(shortThree, one, one, one, dgi, dgh, dhp));
        AssertNames("hiddenCandidate", () => GruKernels.GruCellBackward(three, shortOne, one, one, dgi, dgh, dhp));
        AssertNames("previousHidden", () => GruKernels.GruCellBackward(three, one, shortOne, one, dgi, dgh, dhp));
        AssertNames("hiddenGradient", () => GruKernels.GruCellBackward(three, one, one, shortOne, dgi, dgh, dhp));
        AssertNames("inputGateGradient", () => GruKernels.GruCellBackward(three, one, one, one, shortThree, dgh, dhp));
        AssertNames("hiddenGateGradient", () => GruKernels.GruCellBackward(three, one, one, one, dgi, shortThree, dhp));

        // The hidden size comes from hidden (forward) and previousHiddenGradient (backward): longer other spans are fine.
        GruKernels.GruCell(new float[2 * H + 2], new float[H + 1], new float[H + 2], new float[H + 3], new float[3 * H + 4], h);
        GruKernels.GruCellBackward(new float[3 * H + 2], new float[H + 1], new float[H + 3], new float[H + 2], new float[3 * H + 1], new float[3 * H + 5], dhp);
    }

    /// <summary>
    /// The kernel fed as the generated code feeds it, from the two whole products gi = W_ih·x + b_ih and gh = W_hh·h + b_hh:
    /// r and z see their sum, gi_n and gh_n go apart, and gh_n is kept in <paramref name="candidate"/>.
    /// </summary>
    private static void Cell(float[] gi, float[] gh, float[] hp, float[] gates, float[] candidate, float[] h)
    {
        int units = h.Length;
        var resetUpdate = new float[2 * units];
        for (int i = 0; i < 2 * units; i++) resetUpdate[i] = gi[i] + gh[i];
        Array.Copy(gh, 2 * units, candidate, 0, units);
        GruKernels.GruCell(resetUpdate, gi.AsSpan(2 * units, units), candidate, hp, gates, h);
    }

    private static void AssertNames(string parameter, Action call)
    {
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("expected at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardAndBackwardAllocateNothing()
    {
        const int H = 33;
        (float[] gi, float[] gh, float[] hp) = Inputs(H, 40);
        float[] dh = TestData.Uniform(H, 43), gates = new float[3 * H], candidate = new float[H], h = new float[H];
        float[] dgi = new float[3 * H], dgh = new float[3 * H], dhp = new float[H], resetUpdate = new float[2 * H];
        AllocationTests.AssertAllocatesNothing(() =>
        {
            GruKernels.GruCell(resetUpdate, gi.AsSpan(2 * H, H), gh.AsSpan(2 * H, H), hp, gates, h);
            GruKernels.GruCellBackward(gates, candidate, hp, dh, dgi, dgh, dhp);
        }, "GruCell then GruCellBackward");
    }

    /// <summary>
    /// One unit, one input, two steps, worked out by hand from torch.nn.GRU's definition (weights that floats hold
    /// exactly, so the reference computes the same numbers to rounding).
    /// </summary>
    [Fact]
    public void TheDoubleReferenceGruMatchesAOneUnitTwoStepCaseWorkedOutByHand()
    {
        float[] weightIh = [0.5f, -0.75f, 1.25f], weightHh = [0.25f, 0.5f, -1.5f], biasIh = [0.125f, -0.25f, 0.0625f], biasHh = [-0.375f, 0.5f, 0.25f];
        double[][] x = [[0.5], [-1.0]];

        // Step 1, h₀ = 0: gh = b_hh.
        double r1 = Sigmoid(0.5 * 0.5 + 0.125 + -0.375);
        double z1 = Sigmoid(-0.75 * 0.5 - 0.25 + 0.5);
        double n1 = Math.Tanh(1.25 * 0.5 + 0.0625 + r1 * 0.25);
        double h1 = (1 - z1) * n1;
        // Step 2.
        double r2 = Sigmoid(0.5 * -1.0 + 0.125 + 0.25 * h1 - 0.375);
        double z2 = Sigmoid(-0.75 * -1.0 - 0.25 + 0.5 * h1 + 0.5);
        double n2 = Math.Tanh(1.25 * -1.0 + 0.0625 + r2 * (-1.5 * h1 + 0.25));
        double h2 = (1 - z2) * n2 + z2 * h1;

        (double[][] z, double[][] h) = DoubleReference.Gru(weightIh, weightHh, biasIh, biasHh, x);
        Assert.Equal(2, h.Length);
        Assert.Equal(h1, h[0][0], 1e-14);
        Assert.Equal(h2, h[1][0], 1e-14);
        Assert.Equal(-0.75 + 0.25 * h1, z[1][0], 1e-14); // r's pre-activation at step 2
        Assert.True(Math.Abs(h1) > 0.1 && Math.Abs(h2 - h1) > 0.1, $"h = {h1}, {h2}"); // not a degenerate case

        // The same layer stored as one parameter vector, weight_ih, weight_hh, bias_ih, bias_hh, after 2 other values.
        float[] parameters = [9f, 9f, .. weightIh, .. weightHh, .. biasIh, .. biasHh];
        (_, double[][] stored) = DoubleReference.Gru(parameters, offset: 2, inputs: 1, units: 1, x);
        Assert.Equal(h2, stored[1][0], 1e-14);
    }

    /// <summary>
    /// The kernels stepped over a sequence, with the gate products formed in double, follow the reference layer
    /// (several inputs and units, so a transposed matrix or a misplaced gate block in either shows).
    /// </summary>
    [Fact]
    public void KernelStepsOverASequenceFollowTheDoubleReferenceLayer()
    {
        const int InputSize = 5, H = 17, Steps = 4;
        float[] weightIh = TestData.Uniform(3 * H * InputSize, 50, 0.5), weightHh = TestData.Uniform(3 * H * H, 51, 0.5);
        float[] biasIh = TestData.Uniform(3 * H, 52), biasHh = TestData.Uniform(3 * H, 53);
        double[][] x = new double[Steps][];
        for (int t = 0; t < Steps; t++) x[t] = Widen(TestData.Uniform(InputSize, 60 + t));
        double[][] expected = DoubleReference.Gru(weightIh, weightHh, biasIh, biasHh, x).H;

        float[] gi = new float[3 * H], gh = new float[3 * H], gates = new float[3 * H], candidate = new float[H];
        float[] previous = new float[H], h = new float[H];
        for (int t = 0; t < Steps; t++)
        {
            for (int o = 0; o < 3 * H; o++)
            {
                double sumI = biasIh[o], sumH = biasHh[o];
                for (int k = 0; k < InputSize; k++) sumI += weightIh[o * InputSize + k] * x[t][k];
                for (int k = 0; k < H; k++) sumH += (double)weightHh[o * H + k] * previous[k];
                (gi[o], gh[o]) = ((float)sumI, (float)sumH);
            }
            Cell(gi, gh, previous, gates, candidate, h);
            for (int j = 0; j < H; j++) AssertClose(expected[t][j], h[j], $"step {t}, h[{j}]");
            h.CopyTo(previous, 0);
        }
    }
}
