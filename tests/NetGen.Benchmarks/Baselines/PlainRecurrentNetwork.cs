using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// What the hand-written recurrent baselines (<see cref="PlainLstm"/>, <see cref="PlainGru"/>) share, written as anyone
/// would in plain C#: one <c>float[]</c> per tensor in PyTorch's cell layout (W_ih <c>[gates·H, in]</c>, W_hh
/// <c>[gates·H, H]</c>, two biases), a linear dense layer on the last step's hidden state, mean squared error, and
/// parameters loaded from and copied back to NetGen's layout (W_ih, W_hh, b_ih, b_hh, then the dense W [out, H] and
/// b) so both sides run on the same weights. A kind writes only its steps forward and its backpropagation through time.
/// </summary>
public abstract class PlainRecurrentNetwork : IRecurrentBaseline
{
    protected readonly int _inputs, _units, _outputs, _rows; // rows = gates·units
    protected readonly float[] _weightIh, _weightHh, _biasIh, _biasHh, _outWeights, _outBias;
    protected readonly float[] _gradWeightIh, _gradWeightHh, _gradBiasIh, _gradBiasHh, _gradOutWeights, _gradOutBias;
    private readonly float[] _output, _outputDelta; // y and dL/dy of the dense layer
    protected readonly float[] _hiddenGradient; // dL/dh_t
    protected readonly float[] _zeros; // the zero state before the first step
    protected float[] _x = [], _gates = [], _hidden = []; // per step, grown once to the longest sequence
    private int _capacity, _steps;

    /// <summary>A recurrent layer of <paramref name="units"/> hidden units and <paramref name="gates"/> gate blocks over <paramref name="inputs"/> values per step, then a linear layer of <paramref name="outputs"/>.</summary>
    protected PlainRecurrentNetwork(int inputs, int units, int outputs, int gates)
    {
        _inputs = inputs;
        _units = units;
        _outputs = outputs;
        _rows = gates * units;
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
        _hiddenGradient = new float[units];
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
        foreach (float[] tensor in GradientArrays) Array.Clear(tensor);
    }

    /// <summary>
    /// Runs the sequence <paramref name="input"/> (steps × inputs values, step-major) forward from the zero state,
    /// keeping every step for <see cref="Backward"/>; the last step's dense output lands in <paramref name="output"/>.
    /// </summary>
    public void Forward(float[] input, float[] output)
    {
        if (input.Length == 0 || input.Length % _inputs != 0) throw new ArgumentException($"Expected a positive multiple of {_inputs} values.", nameof(input));
        int steps = input.Length / _inputs;
        if (steps > _capacity)
        {
            _capacity = steps;
            _x = new float[steps * _inputs];
            _gates = new float[steps * _rows];
            _hidden = new float[steps * _units];
            GrowSteps(steps);
        }
        _steps = steps;
        for (int k = 0; k < input.Length; k++) _x[k] = input[k];
        ForwardSteps(steps);

        // Dense, linear, on the last hidden state.
        int units = _units, last = (steps - 1) * units;
        for (int o = 0; o < _outputs; o++)
        {
            float sum = _outBias[o];
            int row = o * units;
            for (int k = 0; k < units; k++) sum += _outWeights[row + k] * _hidden[last + k];
            _output[o] = sum;
            output[o] = sum;
        }
    }

    /// <summary>After <see cref="Forward"/>: adds dLoss/dParameters (backpropagation through time) to the gradients and returns the MSE loss.</summary>
    public float Backward(float[] target)
    {
        int steps = _steps, units = _units;
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
        float[] hidden = _hidden, dh = _hiddenGradient;
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
        BackwardThroughTime(steps);
        return loss;
    }

    /// <summary>The kind's own per-step buffers, grown to <paramref name="steps"/> (the shared ones are already).</summary>
    protected abstract void GrowSteps(int steps);

    /// <summary>Steps 0 … <paramref name="steps"/> − 1 from <c>_x</c> into <c>_gates</c>, <c>_hidden</c> and the kind's own buffers.</summary>
    protected abstract void ForwardSteps(int steps);

    /// <summary>Backpropagation through time from dL/dh_T in <c>_hiddenGradient</c>, adding to the recurrent layer's gradients.</summary>
    protected abstract void BackwardThroughTime(int steps);

    protected static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
