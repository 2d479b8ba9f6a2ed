using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The hand-written GRU baseline, the twin of <see cref="PlainLstm"/>: a GRU as <c>torch.nn.GRUCell</c> (gates r, z, n
/// stacked in the rows of W_ih <c>[3H, in]</c> and W_hh <c>[3H, H]</c>, two biases; r scales W_hn·h + b_hn) run over a
/// sequence from h = 0, then a linear dense layer on the last step's hidden state, mean squared error. Written as
/// anyone would in plain C#: one <c>float[]</c> per tensor, scalar <c>for</c> loops. Per step:
/// gi = W_ih·x_t + b_ih, gh = W_hh·h_{t−1} + b_hh, r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r·gh_n),
/// h_t = (1 − z)·n + z·h_{t−1}. Forward keeps, per step, the input, the activated gates, gh_n and the hidden state;
/// Backward is backpropagation through time over them. Parameters load from, and copy back to, NetGen's layout
/// (W_ih, W_hh, b_ih, b_hh, then the dense W [out, H] and b) so both sides run on the same weights.
/// </summary>
public sealed class PlainGru : PlainRecurrentNetwork
{
    private readonly float[] _inputGates, _hiddenGates; // one step's gi and gh (forward)
    private readonly float[] _inputGateDelta, _hiddenGateDelta; // one step's dL/d(gi), dL/d(gh) (backward)
    private readonly float[] _previousHiddenGradient; // dL/dh_{t−1}
    private float[] _hiddenCandidate = []; // gh_n, per step

    /// <summary>A GRU of <paramref name="units"/> hidden units over <paramref name="inputs"/> values per step, then a linear layer of <paramref name="outputs"/>.</summary>
    public PlainGru(int inputs, int units, int outputs) : base(inputs, units, outputs, gates: 3)
    {
        _inputGates = new float[_rows];
        _hiddenGates = new float[_rows];
        _inputGateDelta = new float[_rows];
        _hiddenGateDelta = new float[_rows];
        _previousHiddenGradient = new float[units];
    }

    /// <inheritdoc/>
    protected override void GrowSteps(int steps) => _hiddenCandidate = new float[steps * _units];

    /// <inheritdoc/>
    protected override void ForwardSteps(int steps)
    {
        int inputs = _inputs, units = _units, rows = _rows;
        float[] wi = _weightIh, wh = _weightHh, bi = _biasIh, bh = _biasHh, gi = _inputGates, gh = _hiddenGates;
        float[] x = _x, gates = _gates, candidate = _hiddenCandidate, hidden = _hidden;
        for (int t = 0; t < steps; t++)
        {
            int xt = t * inputs, gt = t * rows, ht = t * units;
            // The previous step's h; at t = 0 a zero state (still multiplied through, as NetGen does).
            float[] hPrev = t > 0 ? hidden : _zeros;
            int hp = t > 0 ? (t - 1) * units : 0;
            // The two gate products, kept apart because r scales the hidden one's n block.
            for (int r = 0; r < rows; r++)
            {
                float sum = bi[r];
                int wiRow = r * inputs;
                for (int k = 0; k < inputs; k++) sum += wi[wiRow + k] * x[xt + k];
                gi[r] = sum;
                sum = bh[r];
                int whRow = r * units;
                for (int k = 0; k < units; k++) sum += wh[whRow + k] * hPrev[hp + k];
                gh[r] = sum;
            }
            for (int j = 0; j < units; j++)
            {
                float reset = Sigmoid(gi[j] + gh[j]);
                float update = Sigmoid(gi[units + j] + gh[units + j]);
                float hiddenN = gh[2 * units + j];
                float n = MathF.Tanh(gi[2 * units + j] + reset * hiddenN);
                gates[gt + j] = reset;
                gates[gt + units + j] = update;
                gates[gt + 2 * units + j] = n;
                candidate[ht + j] = hiddenN;
                hidden[ht + j] = (1f - update) * n + update * hPrev[hp + j];
            }
        }
    }

    /// <inheritdoc/>
    protected override void BackwardThroughTime(int steps)
    {
        int inputs = _inputs, units = _units, rows = _rows;
        float[] hidden = _hidden, dh = _hiddenGradient, dhPrev = _previousHiddenGradient;
        // Backpropagation through time; dh carries dL/dh_t (from step t + 1) down the sequence.
        float[] wh = _weightHh, gwi = _gradWeightIh, gwh = _gradWeightHh, gbi = _gradBiasIh, gbh = _gradBiasHh;
        float[] x = _x, gates = _gates, candidate = _hiddenCandidate, dgi = _inputGateDelta, dgh = _hiddenGateDelta;
        for (int t = steps - 1; t >= 0; t--)
        {
            int xt = t * inputs, gt = t * rows, ht = t * units;
            float[] hPrev = t > 0 ? hidden : _zeros;
            int hp = t > 0 ? (t - 1) * units : 0;
            for (int j = 0; j < units; j++)
            {
                float reset = gates[gt + j], update = gates[gt + units + j], n = gates[gt + 2 * units + j];
                float d = dh[j];
                float dn = d * (1f - update) * (1f - n * n);                   // through h = (1 − z)·n + z·h₋₁, then tanh
                float dr = dn * candidate[ht + j] * reset * (1f - reset);       // n's pre-activation holds r·gh_n
                float dz = d * (hPrev[hp + j] - n) * update * (1f - update);
                dgi[j] = dr;
                dgi[units + j] = dz;
                dgi[2 * units + j] = dn;
                dgh[j] = dr;
                dgh[units + j] = dz;
                dgh[2 * units + j] = dn * reset;
                dhPrev[j] = d * update;                                        // the direct path through z·h₋₁
            }
            for (int r = 0; r < rows; r++)
            {
                gbi[r] += dgi[r];
                gbh[r] += dgh[r];
                int wiRow = r * inputs;
                for (int k = 0; k < inputs; k++) gwi[wiRow + k] += dgi[r] * x[xt + k];
            }
            // ∇W_hh += δ_h·h_{t−1}ᵀ and dL/dh_{t−1} += W_hhᵀ·δ_h (at t = 0 with the zero state, as NetGen does).
            for (int r = 0; r < rows; r++)
            {
                float delta = dgh[r];
                int whRow = r * units;
                for (int k = 0; k < units; k++)
                {
                    gwh[whRow + k] += delta * hPrev[hp + k];
                    dhPrev[k] += wh[whRow + k] * delta;
                }
            }
            (dh, dhPrev) = (dhPrev, dh);
        }
    }
}
