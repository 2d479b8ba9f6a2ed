using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The hand-written recurrent baseline: an LSTM (as <c>torch.nn.LSTMCell</c>: gates i, f, g, o stacked in
/// the rows of W_ih <c>[4H, in]</c> and W_hh <c>[4H, H]</c>, two biases) run over a sequence from h = c = 0,
/// then a linear dense layer on the last step's hidden state, mean squared error. Written as anyone would
/// in plain C#: one <c>float[]</c> per tensor, scalar <c>for</c> loops. Forward keeps, per step, the input,
/// the activated gates, the cell state, tanh of it and the hidden state; Backward is backpropagation
/// through time over them. Parameters load from, and copy back to, NetGen's layout (W_ih, W_hh, b_ih, b_hh,
/// then the dense W [out, H] and b) so both sides run on the same weights.
/// </summary>
public sealed class PlainLstm : IRecurrentBaseline
{
    private readonly int _inputs, _units, _outputs, _rows; // rows = 4·units
    private readonly float[] _weightIh, _weightHh, _biasIh, _biasHh, _outWeights, _outBias;
    private readonly float[] _gradWeightIh, _gradWeightHh, _gradBiasIh, _gradBiasHh, _gradOutWeights, _gradOutBias;
    private readonly float[] _output, _outputDelta; // y and dL/dy of the dense layer
    private readonly float[] _gateDelta, _hiddenGradient, _cellGradient; // one step's dL/d(pre-activation gates), dL/dh_t, dL/dc_t
    private readonly float[] _zeros; // h_{−1} and c_{−1}
    private float[] _x = [], _gates = [], _cell = [], _tanhCell = [], _hidden = []; // per step, grown once to the longest sequence
    private int _capacity, _steps;

    /// <summary>An LSTM of <paramref name="units"/> hidden units over <paramref name="inputs"/> values per step, then a linear layer of <paramref name="outputs"/>.</summary>
    public PlainLstm(int inputs, int units, int outputs)
    {
        _inputs = inputs;
        _units = units;
        _outputs = outputs;
        _rows = 4 * units;
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
        _gateDelta = new float[_rows];
        _hiddenGradient = new float[units];
        _cellGradient = new float[units];
        _zeros = new float[units];
        ParameterCount = _rows * (inputs + units + 2) + outputs * (units + 1);
    }

    /// <summary>Number of weights and biases.</summary>
    public int ParameterCount { get; }

    /// <summary>After Forward: the hidden state of every step, step-major (as the network's <c>LayerOutput(1)</c>).</summary>
    public ReadOnlySpan<float> HiddenStates => _hidden.AsSpan(0, _steps * _units);

    private float[][] ParameterArrays => [_weightIh, _weightHh, _biasIh, _biasHh, _outWeights, _outBias];

    private float[][] GradientArrays => [_gradWeightIh, _gradWeightHh, _gradBiasIh, _gradBiasHh, _gradOutWeights, _gradOutBias];

    /// <summary>Copies parameters in NetGen's layout (W_ih, W_hh, b_ih, b_hh, dense W, dense b) into the arrays.</summary>
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

    /// <summary>Writes the parameters in NetGen's layout.</summary>
    public void CopyParametersTo(Span<float> destination) => Flatten(ParameterArrays, destination);

    /// <summary>Writes the gradients in NetGen's layout.</summary>
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

    /// <summary>Sets every gradient to zero.</summary>
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
    /// Runs the sequence <paramref name="input"/> (steps × inputs values, step-major) forward from h = c = 0,
    /// keeping every step for <see cref="Backward"/>; the last step's dense output lands in <paramref name="output"/>.
    /// </summary>
    public void Forward(float[] input, float[] output)
    {
        if (input.Length == 0 || input.Length % _inputs != 0) throw new ArgumentException($"Expected a positive multiple of {_inputs} values.", nameof(input));
        int steps = input.Length / _inputs;
        EnsureCapacity(steps);
        _steps = steps;
        for (int k = 0; k < input.Length; k++) _x[k] = input[k];

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
        float[] hidden = _hidden, dh = _hiddenGradient, dc = _cellGradient, dz = _gateDelta;
        int last = (steps - 1) * units;
        Array.Clear(dh);
        Array.Clear(dc);
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
        return loss;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private void EnsureCapacity(int steps)
    {
        if (steps <= _capacity) return;
        _capacity = steps;
        _x = new float[steps * _inputs];
        _gates = new float[steps * _rows];
        _cell = new float[steps * _units];
        _tanhCell = new float[steps * _units];
        _hidden = new float[steps * _units];
    }
}
