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
public sealed class PlainGru : IRecurrentBaseline
{
    private readonly int _inputs, _units, _outputs, _rows; // rows = 3·units
    private readonly float[] _weightIh, _weightHh, _biasIh, _biasHh, _outWeights, _outBias;
    private readonly float[] _gradWeightIh, _gradWeightHh, _gradBiasIh, _gradBiasHh, _gradOutWeights, _gradOutBias;
    private readonly float[] _output, _outputDelta; // y and dL/dy of the dense layer
    private readonly float[] _inputGates, _hiddenGates; // one step's gi and gh (forward)
    private readonly float[] _inputGateDelta, _hiddenGateDelta; // one step's dL/d(gi), dL/d(gh) (backward)
    private readonly float[] _hiddenGradient, _previousHiddenGradient; // dL/dh_t and dL/dh_{t−1}
    private readonly float[] _zeros; // h_{−1}
    private float[] _x = [], _gates = [], _hiddenCandidate = [], _hidden = []; // per step, grown once to the longest sequence
    private int _capacity, _steps;

    /// <summary>A GRU of <paramref name="units"/> hidden units over <paramref name="inputs"/> values per step, then a linear layer of <paramref name="outputs"/>.</summary>
    public PlainGru(int inputs, int units, int outputs)
    {
        _inputs = inputs;
        _units = units;
        _outputs = outputs;
        _rows = 3 * units;
        _weightIh = new float[_rows * inputs];
        _weightHh = new float[_rows * units];
        _biasIh = new float[_rows];
        _biasHh = new float[_rows];
        _outWeights = new float[outputs * units];
        _outBias = new float[outputs];
        _gradWeightIh = new float[_rows * inputs];
        _gradWeightHh = new float[_rows * units];
        _gradBiasIh = new float[_rows];
        _gradBiasHh = new float[_rows];
        _gradOutWeights = new float[outputs * units];
        _gradOutBias = new float[outputs];
        _output = new float[outputs];
        _outputDelta = new float[outputs];
        _inputGates = new float[_rows];
        _hiddenGates = new float[_rows];
        _inputGateDelta = new float[_rows];
        _hiddenGateDelta = new float[_rows];
        _hiddenGradient = new float[units];
        _previousHiddenGradient = new float[units];
        _zeros = new float[units];
        ParameterCount = _rows * (inputs + units + 2) + outputs * (units + 1);
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<float> HiddenStates => _hidden.AsSpan(0, _steps * _units);

    private float[][] ParameterArrays => [_weightIh, _weightHh, _biasIh, _biasHh, _outWeights, _outBias];

    private float[][] GradientArrays => [_gradWeightIh, _gradWeightHh, _gradBiasIh, _gradBiasHh, _gradOutWeights, _gradOutBias];

    /// <inheritdoc/>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        foreach (float[] tensor in ParameterArrays)
        {
            parameters.Slice(offset, tensor.Length).CopyTo(tensor);
            offset += tensor.Length;
        }
    }

    /// <inheritdoc/>
    public void CopyParametersTo(Span<float> destination) => Flatten(ParameterArrays, destination);

    /// <inheritdoc/>
    public void CopyGradientsTo(Span<float> destination) => Flatten(GradientArrays, destination);

    private void Flatten(float[][] tensors, Span<float> destination)
    {
        if (destination.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} values.", nameof(destination));
        int offset = 0;
        foreach (float[] tensor in tensors)
        {
            tensor.CopyTo(destination.Slice(offset));
            offset += tensor.Length;
        }
    }

    /// <inheritdoc/>
    public void ZeroGradients()
    {
        Array.Clear(_gradWeightIh);
        Array.Clear(_gradWeightHh);
        Array.Clear(_gradBiasIh);
        Array.Clear(_gradBiasHh);
        Array.Clear(_gradOutWeights);
        Array.Clear(_gradOutBias);
    }

    /// <summary>
    /// Runs the sequence <paramref name="input"/> (steps × inputs values, step-major) forward from h = 0, keeping
    /// every step for <see cref="Backward"/>; the last step's dense output lands in <paramref name="output"/>.
    /// </summary>
    public void Forward(float[] input, float[] output)
    {
        if (input.Length == 0 || input.Length % _inputs != 0) throw new ArgumentException($"Expected a positive multiple of {_inputs} values.", nameof(input));
        int steps = input.Length / _inputs;
        EnsureCapacity(steps);
        _steps = steps;
        for (int k = 0; k < input.Length; k++) _x[k] = input[k];

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

        // Dense, linear, on the last hidden state.
        int last = (steps - 1) * units;
        for (int o = 0; o < _outputs; o++)
        {
            float sum = _outBias[o];
            int row = o * units;
            for (int k = 0; k < units; k++) sum += _outWeights[row + k] * hidden[last + k];
            _output[o] = sum;
            output[o] = sum;
        }
    }

    /// <summary>After <see cref="Forward"/>: adds dLoss/dParameters (backpropagation through time) to the gradients and returns the MSE loss.</summary>
    public float Backward(float[] target)
    {
        int steps = _steps, inputs = _inputs, units = _units, rows = _rows;
        if (steps == 0) throw new InvalidOperationException("Backward needs a Forward first.");

        // Mean squared error: dL/dy = 2(y − t)/n.
        float loss = 0f;
        for (int o = 0; o < _outputs; o++)
        {
            float difference = _output[o] - target[o];
            loss += difference * difference;
            _outputDelta[o] = 2f * difference / _outputs;
        }
        loss /= _outputs;

        // Dense (linear): ∇W += δ·h_Tᵀ, ∇b += δ; dL/dh_T = Wᵀ·δ starts the recurrence.
        float[] hidden = _hidden, dh = _hiddenGradient, dhPrev = _previousHiddenGradient;
        int last = (steps - 1) * units;
        Array.Clear(dh);
        for (int o = 0; o < _outputs; o++)
        {
            float delta = _outputDelta[o];
            _gradOutBias[o] += delta;
            int row = o * units;
            for (int k = 0; k < units; k++)
            {
                _gradOutWeights[row + k] += delta * hidden[last + k];
                dh[k] += _outWeights[row + k] * delta;
            }
        }

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
        return loss;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private void EnsureCapacity(int steps)
    {
        if (steps <= _capacity) return;
        _capacity = steps;
        _x = new float[steps * _inputs];
        _gates = new float[steps * _rows];
        _hiddenCandidate = new float[steps * _units];
        _hidden = new float[steps * _units];
    }
}
