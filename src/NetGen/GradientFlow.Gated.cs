using System;

namespace NetGen;

public static partial class GradientFlow
{
    /// <summary>
    /// The gradient of one sequence's state at every step of gated layer <paramref name="layer"/> (LSTM: dLoss/dc_t, the cell
    /// state's total gradient; GRU: dLoss/dh_t, the hidden state's total gradient, from the layers above and from step t + 1),
    /// sum of squares per step into <paramref name="squares"/>. The generated Backward keeps only the carries of one step, so
    /// the recursion is replayed here, in double, from what the workspace exposes after Backward: the activated gates
    /// (<see cref="INetwork.LayerPreActivation"/>), the states (<see cref="INetwork.LayerOutput"/>), dLoss/dh_t from the
    /// layers above (<see cref="INetwork.LayerGradient"/>) and W_hh, b_hh from <see cref="INetwork.Parameters"/>. It follows
    /// RecurrentKernels.LstmCellBackward and GruKernels.GruCellBackward step for step; the returned Σ_t of the
    /// pre-activation gradients is ∇b_hh, which the caller may hold against the network's own.
    /// </summary>
    internal static double[] ReplayGatedBackward(INetwork network, int layer, int steps, Span<double> squares)
    {
        LayerInfo info = network.Layers[layer];
        bool lstm = info.Kind == LayerKind.Lstm;
        int units = info.OutputSize, inputs = info.InputSize, gateCount = lstm ? 4 : 3, rows = gateCount * units;
        ReadOnlySpan<float> parameters = network.Parameters.Slice(info.ParameterOffset, info.ParameterCount);
        ReadOnlySpan<float> wh = parameters.Slice(rows * inputs, rows * units);
        ReadOnlySpan<float> bh = parameters.Slice(rows * (inputs + units) + rows, rows);
        ReadOnlySpan<float> gates = network.LayerPreActivation(layer), states = network.LayerOutput(layer), above = network.LayerGradient(layer);
        var biasGradient = new double[rows];
        var carry = new double[units];
        var cellCarry = new double[units];
        var dz = new double[rows];
        var cell = new double[steps * units];
        if (lstm)
        {
            // c_t = f·c₋₁ + i·g from the gates, c₋₁ = 0.
            for (int t = 0; t < steps; t++)
                for (int j = 0; j < units; j++)
                {
                    int at = t * rows;
                    double previous = t > 0 ? cell[(t - 1) * units + j] : 0;
                    cell[t * units + j] = gates[at + units + j] * previous + gates[at + j] * gates[at + 2 * units + j];
                }
        }
        for (int t = steps - 1; t >= 0; t--)
        {
            int at = t * rows;
            double sum = 0;
            for (int j = 0; j < units; j++)
            {
                double hidden = above[t * units + j] + carry[j];
                if (lstm)
                {
                    double i = gates[at + j], f = gates[at + units + j], g = gates[at + 2 * units + j], o = gates[at + 3 * units + j];
                    double tc = Math.Tanh(cell[t * units + j]), previous = t > 0 ? cell[(t - 1) * units + j] : 0;
                    double dc = hidden * o * (1 - tc * tc) + cellCarry[j];
                    sum += dc * dc;
                    dz[j] = dc * g * i * (1 - i);
                    dz[units + j] = dc * previous * f * (1 - f);
                    dz[2 * units + j] = dc * i * (1 - g * g);
                    dz[3 * units + j] = hidden * tc * o * (1 - o);
                    cellCarry[j] = dc * f;
                    carry[j] = 0;
                }
                else
                {
                    sum += hidden * hidden;
                    double r = gates[at + j], z = gates[at + units + j], n = gates[at + 2 * units + j];
                    double previous = t > 0 ? states[(t - 1) * units + j] : 0;
                    double ghn = bh[2 * units + j];
                    if (t > 0) for (int k = 0; k < units; k++) ghn += wh[(2 * units + j) * units + k] * states[(t - 1) * units + k];
                    double dn = (1 - n * n) * hidden * (1 - z);
                    dz[j] = r * (1 - r) * dn * ghn;
                    dz[units + j] = z * (1 - z) * hidden * (previous - n);
                    dz[2 * units + j] = dn * r; // d(gh_n); d(gi_n) = dn
                    carry[j] = hidden * z;
                }
            }
            squares[t] = sum;
            for (int row = 0; row < rows; row++)
            {
                biasGradient[row] += dz[row];
                if (t == 0 || dz[row] == 0) continue;
                for (int k = 0; k < units; k++) carry[k] += wh[row * units + k] * dz[row];
            }
        }
        return biasGradient;
    }
}
