using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// W8's network (<see cref="DilatedTcn"/>) written as anyone would in plain C#: torch.nn.Conv1d's math in NetGen's
/// (PyTorch's) layout, channels × length, weights <c>[out, in, kernel]</c>, one <c>float[]</c> per tensor, scalar loops.
/// Four causal layers y[o, t] = tanh(b[o] + Σ_c Σ_k W[o, c, k]·x[c, t − (K − 1 − k)·d]) (x = 0 before t = 0) with
/// d = 1, 2, 4, 8, then the 1×1 output layer out[t] = b + Σ_c w[c]·h[c, t].
/// </summary>
public sealed class PlainTcn
{
    private const int Length = DilatedTcn.Window, Channels = 16, Kernel = 3;
    private static readonly int[] s_dilations = [1, 2, 4, 8];
    private static readonly int[] s_inputs = [1, Channels, Channels, Channels];
    private readonly float[][] _weights = new float[4][], _biases = new float[4][];
    private readonly float[] _outWeight = new float[Channels];
    private float _outBias;
    private readonly float[] _x = new float[Length], _a = new float[Channels * Length], _b = new float[Channels * Length];

    /// <summary>Number of weights and biases (<see cref="DilatedTcn.ParameterCount"/>).</summary>
    public const int ParameterCount = Channels * Kernel + Channels + 3 * (Channels * Channels * Kernel + Channels) + Channels + 1;

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        for (int layer = 0; layer < 4; layer++)
        {
            _weights[layer] = parameters.Slice(offset, Channels * s_inputs[layer] * Kernel).ToArray();
            offset += _weights[layer].Length;
            _biases[layer] = parameters.Slice(offset, Channels).ToArray();
            offset += Channels;
        }
        parameters.Slice(offset, Channels).CopyTo(_outWeight);
        _outBias = parameters[offset + Channels];
    }

    /// <summary>One window of <see cref="DilatedTcn.Window"/> samples in, one output per time step out.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        input[..Length].CopyTo(_x);
        float[] x = _x, y = _a;
        for (int layer = 0; layer < 4; layer++)
        {
            int inputs = s_inputs[layer], dilation = s_dilations[layer];
            float[] w = _weights[layer], b = _biases[layer];
            for (int o = 0; o < Channels; o++)
                for (int t = 0; t < Length; t++)
                {
                    float sum = b[o];
                    for (int c = 0; c < inputs; c++)
                        for (int k = 0; k < Kernel; k++)
                        {
                            int source = t - (Kernel - 1 - k) * dilation;
                            if (source >= 0) sum += w[(o * inputs + c) * Kernel + k] * x[c * Length + source];
                        }
                    y[o * Length + t] = MathF.Tanh(sum);
                }
            x = y;
            y = y == _a ? _b : _a;
        }
        for (int t = 0; t < Length; t++)
        {
            float sum = _outBias;
            for (int c = 0; c < Channels; c++) sum += _outWeight[c] * x[c * Length + t];
            output[t] = sum;
        }
    }
}
