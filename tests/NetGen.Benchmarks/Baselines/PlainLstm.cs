using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The hand-written recurrent baseline: an LSTM (as <c>torch.nn.LSTMCell</c>: gates i, f, g, o stacked in
/// the rows of W_ih <c>[4H, in]</c> and W_hh <c>[4H, H]</c>, two biases) run over a sequence from h = c = 0,
/// then the shared linear head and loss of <see cref="PlainRecurrentNetwork"/>; scalar <c>for</c> loops. Forward keeps, per step, the input,
/// the activated gates, the cell state, tanh of it and the hidden state; Backward is backpropagation
/// through time over them. Parameters load from, and copy back to, NetGen's layout (W_ih, W_hh, b_ih, b_hh,
/// then the dense W [out, H] and b) so both sides run on the same weights.
/// </summary>
public sealed class PlainLstm : PlainRecurrentNetwork
{
    private readonly float[] _gateDelta, _cellGradient; // one step's dL/d(pre-activation gates), dL/dc_t
    private float[] _cell = [], _tanhCell = []; // per step

    /// <summary>An LSTM of <paramref name="units"/> hidden units over <paramref name="inputs"/> values per step, then a linear layer of <paramref name="outputs"/>.</summary>
    public PlainLstm(int inputs, int units, int outputs) : base(inputs, units, outputs, gates: 4)
    {
        _gateDelta = new float[_rows];
        _cellGradient = new float[units];
    }

    /// <inheritdoc/>
    protected override void GrowSteps(int steps)
    {
        _cell = new float[steps * _units];
        _tanhCell = new float[steps * _units];
    }

    /// <inheritdoc/>
    protected override void ForwardSteps(int steps)
    {
        int inputs = _inputs, units = _units, rows = _rows;
        float[] wi = _weightIh, wh = _weightHh, bi = _biasIh, bh = _biasHh;
        float[] x = _x, gates = _gates, cell = _cell, tanhCell = _tanhCell, hidden = _hidden;
        for (int t = 0; t < steps; t++)
        {
            int xt = t * inputs, gt = t * rows, ht = t * units;
            // The previous step's h and c; at t = 0 a zero state (still multiplied through, as NetGen does).
            float[] hPrev = t > 0 ? hidden : _zeros, cPrev = t > 0 ? cell : _zeros;
            int hp = t > 0 ? (t - 1) * units : 0;
            // Pre-activations of the four gates: W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh.
            for (int r = 0; r < rows; r++)
            {
                float sum = bi[r] + bh[r];
                int wiRow = r * inputs;
                for (int k = 0; k < inputs; k++) sum += wi[wiRow + k] * x[xt + k];
                int whRow = r * units;
                for (int k = 0; k < units; k++) sum += wh[whRow + k] * hPrev[hp + k];
                gates[gt + r] = sum;
            }
            // Activate in place (i, f, o sigmoid; g tanh), then c_t = f·c_{t−1} + i·g, h_t = o·tanh(c_t).
            for (int j = 0; j < units; j++)
            {
                float i = Sigmoid(gates[gt + j]);
                float f = Sigmoid(gates[gt + units + j]);
                float g = MathF.Tanh(gates[gt + 2 * units + j]);
                float o = Sigmoid(gates[gt + 3 * units + j]);
                gates[gt + j] = i;
                gates[gt + units + j] = f;
                gates[gt + 2 * units + j] = g;
                gates[gt + 3 * units + j] = o;
                float c = f * cPrev[hp + j] + i * g;
                cell[ht + j] = c;
                tanhCell[ht + j] = MathF.Tanh(c);
                hidden[ht + j] = o * tanhCell[ht + j];
            }
        }
    }

    /// <inheritdoc/>
    protected override void BackwardThroughTime(int steps)
    {
        int inputs = _inputs, units = _units, rows = _rows;
        float[] hidden = _hidden, dh = _hiddenGradient, dc = _cellGradient, dz = _gateDelta;
        Array.Clear(dc);
        // Backpropagation through time; dh and dc carry dL/dh_t and dL/dc_t (from step t + 1) down the sequence.
        float[] wh = _weightHh, gwi = _gradWeightIh, gwh = _gradWeightHh, gbi = _gradBiasIh, gbh = _gradBiasHh;
        float[] x = _x, gates = _gates, cell = _cell, tanhCell = _tanhCell;
        for (int t = steps - 1; t >= 0; t--)
        {
            int xt = t * inputs, gt = t * rows, ht = t * units;
            float[] hPrev = t > 0 ? hidden : _zeros, cPrev = t > 0 ? cell : _zeros;
            int hp = t > 0 ? (t - 1) * units : 0;
            for (int j = 0; j < units; j++)
            {
                float i = gates[gt + j], f = gates[gt + units + j], g = gates[gt + 2 * units + j], o = gates[gt + 3 * units + j];
                float tc = tanhCell[ht + j];
                float previousCell = cPrev[hp + j];
                float cellGradient = dh[j] * o * (1f - tc * tc) + dc[j];
                dz[j] = cellGradient * g * i * (1f - i);
                dz[units + j] = cellGradient * previousCell * f * (1f - f);
                dz[2 * units + j] = cellGradient * i * (1f - g * g);
                dz[3 * units + j] = dh[j] * tc * o * (1f - o);
                dc[j] = cellGradient * f;
            }
            for (int r = 0; r < rows; r++)
            {
                float delta = dz[r];
                gbi[r] += delta;
                gbh[r] += delta;
                int wiRow = r * inputs;
                for (int k = 0; k < inputs; k++) gwi[wiRow + k] += delta * x[xt + k];
            }
            // ∇W_hh += δ·h_{t−1}ᵀ and dL/dh_{t−1} = W_hhᵀ·δ (at t = 0 with the zero state, as NetGen does).
            for (int k = 0; k < units; k++) dh[k] = 0f;
            for (int r = 0; r < rows; r++)
            {
                float delta = dz[r];
                int whRow = r * units;
                for (int k = 0; k < units; k++)
                {
                    gwh[whRow + k] += delta * hPrev[hp + k];
                    dh[k] += wh[whRow + k] * delta;
                }
            }
        }
    }
}
