using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>Activations the plain-loop baseline knows.</summary>
public enum PlainActivation
{
    /// <summary>Identity.</summary>
    Linear,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>max(0, x), derivative 0 at 0.</summary>
    Relu,
    /// <summary>Softmax over the layer (output layer only, with cross-entropy).</summary>
    Softmax,
}

/// <summary>Losses the plain-loop baseline knows.</summary>
public enum PlainLoss
{
    /// <summary>Mean over outputs of (y − t)².</summary>
    MeanSquaredError,
    /// <summary>−Σ t·log softmax(z), on a softmax output.</summary>
    CrossEntropy,
}

/// <summary>
/// The hand-written baseline: a multilayer perceptron as anyone would write it in plain C#, one
/// <c>float[]</c> per tensor and scalar <c>for</c> loops, with exactly the math NetGen generates
/// (y = φ(W·x + b), W as [out, in] row-major; MSE or softmax + cross-entropy; SGD). Parameters load
/// from, and copy back to, NetGen's layout (per layer W then b) so both sides run on the same weights.
/// </summary>
public sealed class PlainMlp
{
    private readonly int[] _sizes;
    private readonly PlainActivation[] _activations; // [l] for layers 1..L; [0] unused
    private readonly PlainLoss _loss;
    private readonly float[][] _weights, _biases, _weightGradients, _biasGradients;
    private readonly float[][] _z, _a, _delta; // per layer: pre-activation, output (a[0] = input), dL/dz

    /// <summary>A network with layer widths <paramref name="sizes"/> (input first).</summary>
    public PlainMlp(int[] sizes, PlainActivation hidden, PlainActivation output, PlainLoss loss)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2) throw new ArgumentException("Need an input and at least one layer.", nameof(sizes));
        if (output == PlainActivation.Softmax != (loss == PlainLoss.CrossEntropy))
            throw new ArgumentException("Softmax output goes with cross-entropy, and only with it.", nameof(loss));
        _sizes = (int[])sizes.Clone();
        _loss = loss;
        int layers = sizes.Length;
        _activations = new PlainActivation[layers];
        _weights = new float[layers][];
        _biases = new float[layers][];
        _weightGradients = new float[layers][];
        _biasGradients = new float[layers][];
        _z = new float[layers][];
        _a = new float[layers][];
        _delta = new float[layers][];
        _a[0] = new float[sizes[0]];
        for (int l = 1; l < layers; l++)
        {
            _activations[l] = l == layers - 1 ? output : hidden;
            _weights[l] = new float[sizes[l] * sizes[l - 1]];
            _biases[l] = new float[sizes[l]];
            _weightGradients[l] = new float[sizes[l] * sizes[l - 1]];
            _biasGradients[l] = new float[sizes[l]];
            _z[l] = new float[sizes[l]];
            _a[l] = new float[sizes[l]];
            _delta[l] = new float[sizes[l]];
            ParameterCount += sizes[l] * (sizes[l - 1] + 1);
        }
    }

    /// <summary>Number of weights and biases.</summary>
    public int ParameterCount { get; }

    private int LastLayer => _sizes.Length - 1;

    /// <summary>Copies parameters in NetGen's layout (per layer W [out, in] row-major, then b) into the arrays.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        for (int l = 1; l <= LastLayer; l++)
        {
            parameters.Slice(offset, _weights[l].Length).CopyTo(_weights[l]);
            offset += _weights[l].Length;
            parameters.Slice(offset, _biases[l].Length).CopyTo(_biases[l]);
            offset += _biases[l].Length;
        }
    }

    /// <summary>Writes the parameters in NetGen's layout.</summary>
    public void CopyParametersTo(Span<float> destination) => Flatten(_weights, _biases, destination);

    /// <summary>Writes the gradients in NetGen's layout.</summary>
    public void CopyGradientsTo(Span<float> destination) => Flatten(_weightGradients, _biasGradients, destination);

    private void Flatten(float[][] weights, float[][] biases, Span<float> destination)
    {
        if (destination.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} values.", nameof(destination));
        int offset = 0;
        for (int l = 1; l <= LastLayer; l++)
        {
            weights[l].CopyTo(destination.Slice(offset));
            offset += weights[l].Length;
            biases[l].CopyTo(destination.Slice(offset));
            offset += biases[l].Length;
        }
    }

    /// <summary>One sample forward; the output layer's activations land in <paramref name="output"/>.</summary>
    public void Forward(float[] input, float[] output)
    {
        LoadInput(input, 0);
        ForwardCore();
        float[] y = _a[LastLayer];
        for (int o = 0; o < y.Length; o++) output[o] = y[o];
    }

    /// <summary>Zero the gradients, forward, backward, SGD update; returns the loss.</summary>
    public float TrainStep(float[] input, float[] target, float learningRate)
    {
        ZeroGradients();
        LoadInput(input, 0);
        ForwardCore();
        float loss = Backward(target, 0);
        SgdStep(learningRate);
        return loss;
    }

    /// <summary>Per-sample forward and backward with accumulated gradients, their mean, one SGD update; returns the mean loss.</summary>
    public float TrainBatch(float[] inputs, float[] targets, int batchSize, float learningRate)
    {
        ZeroGradients();
        float loss = 0f;
        for (int sample = 0; sample < batchSize; sample++)
        {
            LoadInput(inputs, sample * _sizes[0]);
            ForwardCore();
            loss += Backward(targets, sample * _sizes[LastLayer]);
        }
        float inverseBatch = 1f / batchSize;
        for (int l = 1; l <= LastLayer; l++)
        {
            float[] gw = _weightGradients[l], gb = _biasGradients[l];
            for (int i = 0; i < gw.Length; i++) gw[i] *= inverseBatch;
            for (int i = 0; i < gb.Length; i++) gb[i] *= inverseBatch;
        }
        SgdStep(learningRate);
        return loss * inverseBatch;
    }

    private void LoadInput(float[] source, int offset)
    {
        float[] x = _a[0];
        for (int i = 0; i < x.Length; i++) x[i] = source[offset + i];
    }

    private void ForwardCore()
    {
        for (int l = 1; l <= LastLayer; l++)
        {
            float[] w = _weights[l], b = _biases[l], x = _a[l - 1], z = _z[l], a = _a[l];
            int inputs = x.Length;
            for (int o = 0; o < z.Length; o++)
            {
                float sum = b[o];
                int row = o * inputs;
                for (int i = 0; i < inputs; i++) sum += w[row + i] * x[i];
                z[o] = sum;
            }
            switch (_activations[l])
            {
                case PlainActivation.Tanh:
                    for (int o = 0; o < z.Length; o++) a[o] = MathF.Tanh(z[o]);
                    break;
                case PlainActivation.Relu:
                    for (int o = 0; o < z.Length; o++) a[o] = z[o] > 0f ? z[o] : 0f;
                    break;
                case PlainActivation.Softmax:
                    float max = float.NegativeInfinity;
                    for (int o = 0; o < z.Length; o++) max = MathF.Max(max, z[o]);
                    float total = 0f;
                    for (int o = 0; o < z.Length; o++)
                    {
                        a[o] = MathF.Exp(z[o] - max);
                        total += a[o];
                    }
                    float inverse = 1f / total;
                    for (int o = 0; o < z.Length; o++) a[o] *= inverse;
                    break;
                default:
                    for (int o = 0; o < z.Length; o++) a[o] = z[o];
                    break;
            }
        }
    }

    /// <summary>After ForwardCore: adds dLoss/dParameters to the gradients and returns the loss.</summary>
    private float Backward(float[] targets, int offset)
    {
        int last = LastLayer;
        float[] y = _a[last], d = _delta[last];
        float loss = 0f;
        if (_loss == PlainLoss.CrossEntropy)
        {
            // Softmax + cross-entropy: loss from log-softmax of the logits; δ = p − t.
            float[] z = _z[last];
            float max = float.NegativeInfinity;
            for (int o = 0; o < z.Length; o++) max = MathF.Max(max, z[o]);
            float sumExp = 0f;
            for (int o = 0; o < z.Length; o++) sumExp += MathF.Exp(z[o] - max);
            float logNormaliser = max + MathF.Log(sumExp);
            for (int o = 0; o < z.Length; o++)
            {
                float t = targets[offset + o];
                loss -= t * (z[o] - logNormaliser);
                d[o] = y[o] - t;
            }
        }
        else
        {
            // Mean squared error: dL/dy = 2(y − t)/n, then through the output activation.
            for (int o = 0; o < y.Length; o++)
            {
                float difference = y[o] - targets[offset + o];
                loss += difference * difference;
                d[o] = 2f * difference / y.Length;
            }
            loss /= y.Length;
            MultiplyByDerivative(last);
        }

        for (int l = last; l >= 1; l--)
        {
            float[] delta = _delta[l], x = _a[l - 1], w = _weights[l], gw = _weightGradients[l], gb = _biasGradients[l];
            if (l != last) MultiplyByDerivative(l);
            int inputs = x.Length;
            for (int o = 0; o < delta.Length; o++)
            {
                gb[o] += delta[o];
                int row = o * inputs;
                for (int i = 0; i < inputs; i++) gw[row + i] += delta[o] * x[i];
            }
            if (l > 1)
            {
                float[] dx = _delta[l - 1];
                for (int i = 0; i < inputs; i++) dx[i] = 0f;
                for (int o = 0; o < delta.Length; o++)
                {
                    int row = o * inputs;
                    for (int i = 0; i < inputs; i++) dx[i] += w[row + i] * delta[o];
                }
            }
        }
        return loss;
    }

    /// <summary>Turns dL/da of layer <paramref name="l"/> into δ = dL/dz.</summary>
    private void MultiplyByDerivative(int l)
    {
        float[] d = _delta[l], z = _z[l], a = _a[l];
        switch (_activations[l])
        {
            case PlainActivation.Tanh:
                for (int o = 0; o < d.Length; o++) d[o] *= 1f - a[o] * a[o];
                break;
            case PlainActivation.Relu:
                for (int o = 0; o < d.Length; o++) d[o] *= z[o] > 0f ? 1f : 0f;
                break;
        }
    }

    private void ZeroGradients()
    {
        for (int l = 1; l <= LastLayer; l++)
        {
            Array.Clear(_weightGradients[l]);
            Array.Clear(_biasGradients[l]);
        }
    }

    private void SgdStep(float learningRate)
    {
        for (int l = 1; l <= LastLayer; l++)
        {
            float[] w = _weights[l], b = _biases[l], gw = _weightGradients[l], gb = _biasGradients[l];
            for (int i = 0; i < w.Length; i++) w[i] -= learningRate * gw[i];
            for (int i = 0; i < b.Length; i++) b[i] -= learningRate * gb[i];
        }
    }
}
