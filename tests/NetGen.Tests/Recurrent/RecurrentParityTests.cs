using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Parity with PyTorch's cells, from their documented equations, written out here in double precision and
/// independent of the generator (and of <see cref="DoubleReference"/>, which is checked against them as well).
/// Fixed small weights are set through the layer views, which hold PyTorch's tensors unchanged:
/// <c>weight_ih</c> [rows, in], <c>weight_hh</c> [rows, H], <c>bias_ih</c> [rows], <c>bias_hh</c> [rows].
/// <code>
/// torch.nn.RNNCell (rows = H):
///     h' = φ(W_ih·x + b_ih + W_hh·h + b_hh),       φ = tanh (default) or relu
/// torch.nn.LSTMCell (rows = 4H; weight_ih = [W_ii | W_if | W_ig | W_io] stacked by rows, the same for
/// weight_hh, bias_ih and bias_hh: gate order i, f, g, o):
///     i  = σ(W_ii·x + b_ii + W_hi·h + b_hi)        input gate
///     f  = σ(W_if·x + b_if + W_hf·h + b_hf)        forget gate
///     g  = tanh(W_ig·x + b_ig + W_hg·h + b_hg)     cell candidate
///     o  = σ(W_io·x + b_io + W_ho·h + b_ho)        output gate
///     c' = f ⊙ c + i ⊙ g
///     h' = o ⊙ tanh(c')
/// torch.nn.GRUCell (rows = 3H; gate order r, z, n):
///     r  = σ(W_ir·x + b_ir + W_hr·h + b_hr)        reset gate
///     z  = σ(W_iz·x + b_iz + W_hz·h + b_hz)        update gate
///     n  = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)) new gate (r scales W_hn·h + b_hn, b_hn included)
///     h' = (1 − z) ⊙ n + z ⊙ h
/// with h = c = 0 before the first step; then torch.nn.Linear: y = W·h_T + b on the last step's h.
/// </code>
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class RecurrentParityTests
{
    private const double Tolerance = 1e-5;
    private const int Hidden = 3;

    /// <summary>Three steps of two inputs; the one-step cases use the first.</summary>
    private static readonly float[] Sequence = [0.5f, -1.0f, 0.25f, 0.75f, -0.5f, 0.3f];

    /// <summary>PyTorch's gate order, and orders a wrong implementation might use (as an index into i, f, g, o).</summary>
    private static readonly int[] TorchOrder = [0, 1, 2, 3];

    /// <summary>
    /// Distinct small values, −0.45 … 0.45 in steps of 0.05 with period 19, so that a transposed matrix, a swapped
    /// gate block or a bias used twice gives different numbers; <paramref name="tensor"/> shifts the pattern.
    /// </summary>
    private static void Fill(Span<float> values, int tensor)
    {
        for (int k = 0; k < values.Length; k++) values[k] = 0.05f * ((7 * k + 5 * tensor + 3) % 19 - 9);
    }

    private static void SetWeights(RecurrentLayer cell, DenseLayer output)
    {
        Fill(cell.WeightIh, 1);
        Fill(cell.WeightHh, 2);
        Fill(cell.BiasIh, 3);
        Fill(cell.BiasHh, 4);
        Fill(output.Weights, 5);
        Fill(output.Bias, 6);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>Row <paramref name="row"/> of W·v, for W [rows, columns] row-major.</summary>
    private static double Row(ReadOnlySpan<float> w, int row, int columns, double[] v)
    {
        double sum = 0;
        for (int k = 0; k < columns; k++) sum += (double)w[row * columns + k] * v[k];
        return sum;
    }

    private static double[] Step(ReadOnlySpan<float> x, int t)
        => [x[2 * t], x[2 * t + 1]];

    /// <summary>torch.nn.RNNCell over <paramref name="steps"/> steps: every step's h.</summary>
    private static double[][] RnnCell(RecurrentLayer cell, int steps, Func<double, double> phi)
    {
        var hs = new double[steps][];
        var h = new double[Hidden];
        for (int t = 0; t < steps; t++)
        {
            double[] x = Step(Sequence, t);
            var next = new double[Hidden];
            for (int j = 0; j < Hidden; j++)
                next[j] = phi(Row(cell.WeightIh, j, 2, x) + cell.BiasIh[j] + Row(cell.WeightHh, j, Hidden, h) + cell.BiasHh[j]);
            hs[t] = h = next;
        }
        return hs;
    }

    /// <summary>
    /// torch.nn.LSTMCell over <paramref name="steps"/> steps: every step's h. <paramref name="order"/> names the
    /// gate each row block holds (PyTorch: block 0 is i, 1 is f, 2 is g, 3 is o).
    /// </summary>
    private static double[][] LstmCell(RecurrentLayer cell, int steps, int[] order)
    {
        var hs = new double[steps][];
        double[] h = new double[Hidden], c = new double[Hidden];
        for (int t = 0; t < steps; t++)
        {
            double[] x = Step(Sequence, t);
            double[] nextH = new double[Hidden], nextC = new double[Hidden];
            for (int j = 0; j < Hidden; j++)
            {
                // The pre-activation of gate `gate` (0 = i, 1 = f, 2 = g, 3 = o) for unit j, from the row block that holds it.
                double Gate(int gate)
                {
                    int row = Array.IndexOf(order, gate) * Hidden + j;
                    return Row(cell.WeightIh, row, 2, x) + cell.BiasIh[row] + Row(cell.WeightHh, row, Hidden, h) + cell.BiasHh[row];
                }
                double i = Sigmoid(Gate(0)), f = Sigmoid(Gate(1)), g = Math.Tanh(Gate(2)), o = Sigmoid(Gate(3));
                nextC[j] = f * c[j] + i * g;
                nextH[j] = o * Math.Tanh(nextC[j]);
            }
            hs[t] = h = nextH;
            c = nextC;
        }
        return hs;
    }

    /// <summary>
    /// torch.nn.GRUCell over <paramref name="steps"/> steps: every step's h. <paramref name="order"/> names the gate each
    /// row block holds (PyTorch: block 0 is r, 1 is z, 2 is n). The variants a wrong implementation might compute:
    /// <paramref name="resetAfter"/> false is Cho et al.'s original n = tanh(W_in·x + b_in + W_hn·(r ⊙ h) + b_hn);
    /// <paramref name="zKeepsOld"/> false swaps the update's roles, h' = z ⊙ n + (1 − z) ⊙ h.
    /// </summary>
    private static double[][] GruCell(RecurrentLayer cell, int steps, int[] order, bool resetAfter = true, bool zKeepsOld = true)
    {
        var hs = new double[steps][];
        var h = new double[Hidden];
        for (int t = 0; t < steps; t++)
        {
            double[] x = Step(Sequence, t);
            int RowOf(int gate, int j) => Array.IndexOf(order, gate) * Hidden + j;
            double InputPart(int gate, int j) => Row(cell.WeightIh, RowOf(gate, j), 2, x) + cell.BiasIh[RowOf(gate, j)];
            double HiddenPart(int gate, int j, double[] v) => Row(cell.WeightHh, RowOf(gate, j), Hidden, v) + cell.BiasHh[RowOf(gate, j)];
            double[] r = new double[Hidden], z = new double[Hidden], resetHidden = new double[Hidden], next = new double[Hidden];
            for (int j = 0; j < Hidden; j++)
            {
                r[j] = Sigmoid(InputPart(0, j) + HiddenPart(0, j, h));
                z[j] = Sigmoid(InputPart(1, j) + HiddenPart(1, j, h));
                resetHidden[j] = r[j] * h[j];
            }
            for (int j = 0; j < Hidden; j++)
            {
                double n = Math.Tanh(InputPart(2, j) + (resetAfter ? r[j] * HiddenPart(2, j, h) : HiddenPart(2, j, resetHidden)));
                next[j] = zKeepsOld ? (1 - z[j]) * n + z[j] * h[j] : z[j] * n + (1 - z[j]) * h[j];
            }
            hs[t] = h = next;
        }
        return hs;
    }

    /// <summary>PyTorch's gate order r, z, n (as an index into r, z, n).</summary>
    private static readonly int[] TorchGruOrder = [0, 1, 2];

    /// <summary>torch.nn.Linear on the last step's h.</summary>
    private static double[] Linear(DenseLayer layer, double[] h)
    {
        var y = new double[layer.Units];
        for (int o = 0; o < y.Length; o++) y[o] = Row(layer.Weights, o, layer.Inputs, h) + layer.Bias[o];
        return y;
    }

    /// <summary>
    /// Forward on the first <paramref name="steps"/> steps against the expected h of every step (the recurrent
    /// layer's output, <see cref="INetwork.LayerOutput"/>) and the expected dense output; and the double reference
    /// against the same numbers.
    /// </summary>
    private static void AssertForwardMatches(INetwork network, int steps, double[][] expectedH, double[] expectedY, string what)
    {
        ReadOnlySpan<float> input = Sequence.AsSpan(0, 2 * steps);
        var y = new float[2];
        network.Forward(input, y);
        ReadOnlySpan<float> h = network.LayerOutput(1);
        Assert.Equal(steps * Hidden, h.Length);
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < Hidden; j++)
                Assert.True(Math.Abs(h[t * Hidden + j] - expectedH[t][j]) <= Tolerance, $"{what}, {steps} steps: h[{t}][{j}] = {h[t * Hidden + j]}, PyTorch's equations give {expectedH[t][j]}");
        double[] reference = DoubleReference.Forward(network.Layers, network.Parameters, input);
        for (int o = 0; o < 2; o++)
        {
            Assert.True(Math.Abs(y[o] - expectedY[o]) <= Tolerance, $"{what}, {steps} steps: y[{o}] = {y[o]}, PyTorch's equations give {expectedY[o]}");
            Assert.True(Math.Abs(reference[o] - expectedY[o]) <= 1e-12, $"{what}, {steps} steps: the double reference gives y[{o}] = {reference[o]}, PyTorch's equations {expectedY[o]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void LstmMatchesTorchLstmCell(int steps)
    {
        var network = new ParityLstmNet();
        SetWeights(network.Cell, network.Out);
        double[][] h = LstmCell(network.Cell, steps, TorchOrder);
        AssertForwardMatches(network, steps, h, Linear(network.Out, h[^1]), "LSTM");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void GruMatchesTorchGruCell(int steps)
    {
        var network = new ParityGruNet();
        SetWeights(network.Cell, network.Out);
        double[][] h = GruCell(network.Cell, steps, TorchGruOrder);
        AssertForwardMatches(network, steps, h, Linear(network.Out, h[^1]), "GRU");
    }

    [Fact]
    public void GruMatchesTorchGruCellWithAnUpdateBias()
    {
        // The UpdateBias is an ordinary value of b_ih's z block: with the others set as above, nothing else changes.
        var network = new ParityGruNet();
        SetWeights(network.Cell, network.Out);
        network.Cell.BiasIh.Slice(Hidden, Hidden).Fill(2f);
        double[][] h = GruCell(network.Cell, 3, TorchGruOrder);
        AssertForwardMatches(network, 3, h, Linear(network.Out, h[^1]), "GRU, b_iz = 2");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void RnnMatchesTorchRnnCell(int steps)
    {
        var network = new ParityRnnNet();
        SetWeights(network.Cell, network.Out);
        double[][] h = RnnCell(network.Cell, steps, Math.Tanh);
        AssertForwardMatches(network, steps, h, Linear(network.Out, h[^1]), "RNN (tanh)");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ReluRnnMatchesTorchRnnCellWithReluNonlinearity(int steps)
    {
        var network = new ParityReluRnnNet();
        SetWeights(network.Cell, network.Out);
        double[][] h = RnnCell(network.Cell, steps, x => Math.Max(x, 0));
        Assert.Contains(h, step => Array.IndexOf(step, 0.0) >= 0); // some pre-activation is negative, so the ReLU matters
        AssertForwardMatches(network, steps, h, Linear(network.Out, h[^1]), "RNN (relu)");
    }

    [Fact]
    public void TheParityCheckSeesAWrongGateOrderOrAMissingTerm()
    {
        // Guards the premise: with these weights, the usual mistakes change h by far more than the tolerance.
        var network = new ParityLstmNet();
        SetWeights(network.Cell, network.Out);
        double[] torch = LstmCell(network.Cell, 3, TorchOrder)[^1];
        foreach (int[] order in new[] { new[] { 0, 1, 3, 2 }, [1, 0, 2, 3], [0, 2, 1, 3], [3, 1, 2, 0] })
            Assert.True(MaxDifference(torch, LstmCell(network.Cell, 3, order)[^1]) > 100 * Tolerance, $"gate order {string.Join(", ", order)}");

        network.Cell.BiasHh.Clear(); // b_hh ignored
        Assert.True(MaxDifference(torch, LstmCell(network.Cell, 3, TorchOrder)[^1]) > 100 * Tolerance, "b_hh");
        SetWeights(network.Cell, network.Out);
        network.Cell.WeightHh.Clear(); // no recurrence
        Assert.True(MaxDifference(torch, LstmCell(network.Cell, 3, TorchOrder)[^1]) > 100 * Tolerance, "W_hh");

        var rnn = new ParityRnnNet();
        SetWeights(rnn.Cell, rnn.Out);
        double[] expected = RnnCell(rnn.Cell, 3, Math.Tanh)[^1];
        float[] transposed = rnn.Cell.WeightHh.ToArray();
        for (int r = 0; r < Hidden; r++)
            for (int k = 0; k < Hidden; k++) rnn.Cell.WeightHh[r * Hidden + k] = transposed[k * Hidden + r];
        Assert.True(MaxDifference(expected, RnnCell(rnn.Cell, 3, Math.Tanh)[^1]) > 100 * Tolerance, "W_hh transposed");
    }

    [Fact]
    public void TheGruParityCheckSeesAWrongGateOrderTheOtherResetOrUpdateVariantOrAMissingTerm()
    {
        // Guards the premise for the GRU: ONNX's order z, r, h, other orders, Cho et al.'s reset before W_hn, the
        // update's roles swapped, b_hn or W_hh dropped, each change h by far more than the tolerance.
        var network = new ParityGruNet();
        SetWeights(network.Cell, network.Out);
        double[] torch = GruCell(network.Cell, 3, TorchGruOrder)[^1];
        foreach (int[] order in new[] { new[] { 1, 0, 2 }, [0, 2, 1], [2, 1, 0] })
            Assert.True(MaxDifference(torch, GruCell(network.Cell, 3, order)[^1]) > 100 * Tolerance, $"gate order {string.Join(", ", order)}");
        Assert.True(MaxDifference(torch, GruCell(network.Cell, 3, TorchGruOrder, resetAfter: false)[^1]) > 100 * Tolerance, "reset before W_hn");
        Assert.True(MaxDifference(torch, GruCell(network.Cell, 3, TorchGruOrder, zKeepsOld: false)[^1]) > 100 * Tolerance, "z weighs the new state");

        network.Cell.BiasHh.Slice(2 * Hidden, Hidden).Clear(); // b_hn outside r's product, or ignored
        Assert.True(MaxDifference(torch, GruCell(network.Cell, 3, TorchGruOrder)[^1]) > 100 * Tolerance, "b_hn");
        SetWeights(network.Cell, network.Out);
        network.Cell.WeightHh.Clear(); // no recurrence
        Assert.True(MaxDifference(torch, GruCell(network.Cell, 3, TorchGruOrder)[^1]) > 100 * Tolerance, "W_hh");
    }

    private static double MaxDifference(double[] a, double[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
