using System;
using System.Collections.Generic;
using NetGen.Numerics;

namespace NetGen.Tests;

/// <summary>
/// An independent double-precision model of what a generated network computes, written from the contract
/// (SPEC §1: y = act(W·x + b), W [units, inputs] row-major then b, residual added after the activation; recurrent
/// layers as torch.nn.RNNCell, torch.nn.LSTMCell and torch.nn.GRUCell over a sequence, SPEC §2; the GRU in
/// <see cref="Gru(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double[][], double[])"/>;
/// torch.nn.BatchNorm1d/2d, LayerNorm and Dropout, in evaluation (<see cref="Forward"/>) and in a batch's training pass
/// (<see cref="TrainingForward"/>); PyTorch's losses). It reads only <see cref="INetwork.Layers"/>, the parameters and the
/// state (buffers, counters), so it can check any network.
/// </summary>
internal static class DoubleReference
{
    public const double LeakyReluSlope = 0.01;

    /// <summary>torch.nn.SELU's α and scale (Klambauer et al. 2017), to the digits PyTorch writes them.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    public static double Activate(Activation activation, double x) => activation switch
    {
        Activation.Linear => x,
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
        Activation.Tanh => Math.Tanh(x),
        Activation.Relu => x > 0 ? x : 0,
        Activation.LeakyRelu => x > 0 ? x : LeakyReluSlope * x,
        Activation.Elu => x > 0 ? x : Math.Exp(x) - 1.0,
        Activation.Gelu => 0.5 * x * (1.0 + Erf(x / Math.Sqrt(2.0))),
        Activation.Softplus => x > 20 ? x : Math.Log(1.0 + Math.Exp(x)),
        Activation.Selu => Selu(x),
        Activation.Silu => x / (1.0 + Math.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation."),
    };

    /// <summary>scale·x for x &gt; 0, scale·α·(e^x − 1) otherwise (e^x − 1 by its series near 0, where Math.Exp(x) − 1 cancels).</summary>
    public static double Selu(double x)
        => x > 0 ? SeluScale * x : SeluScale * SeluAlpha * (Math.Abs(x) < 1e-5 ? x * (1 + x / 2 * (1 + x / 3)) : Math.Exp(x) - 1);

    /// <summary>
    /// Whether the activation has a kink (a jump in φ′) at 0: ReLU, leaky ReLU and SELU (φ′ jumps from scale·α ≈ 1.76
    /// to scale ≈ 1.05; ELU with α = 1 has none).
    /// </summary>
    public static bool HasKinkAtZero(Activation activation) => activation is Activation.Relu or Activation.LeakyRelu or Activation.Selu;

    /// <summary>
    /// erf to about 1e-15: the Maclaurin series for |x| &lt; 2.5 (terms stay below e^6.25, so no more than three
    /// digits cancel) and the continued fraction of erfc beyond.
    /// </summary>
    public static double Erf(double x)
    {
        double ax = Math.Abs(x);
        double result;
        if (ax < 2.5)
        {
            double term = ax, sum = ax, x2 = ax * ax;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            result = 2.0 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))).
            double fraction = ax;
            for (int k = 80; k >= 1; k--) fraction = ax + k / 2.0 / fraction;
            result = 1.0 - Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / fraction;
        }
        return x < 0 ? -result : result;
    }

    /// <summary>
    /// A layer's pre-activations z for one forward pass, with the layer's activation; for a layer that runs on
    /// every step of a sequence, every step's z one after the other (an LSTM's are its gates' i, f, g, o; a GRU's r, z, n).
    /// A max-pooling layer's kinks are its choices: for each output, which input of the window won, the first of equals as
    /// in PyTorch (<paramref name="Choices"/>).
    /// </summary>
    public readonly record struct PreActivation(Activation Activation, double[] Z, int[]? Choices = null);

    /// <summary>
    /// Runs <paramref name="input"/> forward in double, in evaluation mode (batch normalisation by the running statistics in
    /// <paramref name="buffers"/>, the network's <see cref="INetwork.Buffers"/>; dropout the identity); optionally returns every layer's z. For a network with
    /// recurrent layers <paramref name="input"/> is a sequence (steps × InputSize values, step-major) and the layers
    /// run as SPEC §2 says: every layer up to the last recurrent one runs on every step (a recurrent layer that is
    /// not the last must return sequences, or the definition is invalid); the last recurrent layer hands on every
    /// step when <paramref name="sequenceOutput"/> (its ReturnSequences, which LayerInfo does not record) and only
    /// its last step otherwise, and the layers after it run on what it hands on. The result is the network's
    /// output: steps × OutputSize values, or OutputSize.
    /// </summary>
    public static double[] Forward(IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input,
        List<PreActivation>? preActivations = null, bool sequenceOutput = false, ReadOnlySpan<float> buffers = default)
    {
        int inputSize = layers[0].OutputSize, lastRecurrent = LastRecurrent(layers);
        if (lastRecurrent < 0 ? input.Length != inputSize : input.Length == 0 || input.Length % inputSize != 0)
            throw new ArgumentException("Input length does not match the input layer.", nameof(input));
        var state = new TrainingState(Array.ConvertAll(buffers.ToArray(), v => (double)v), [], 0);
        return Concatenate(Run(layers, parameters, Rows(input, inputSize), preActivations, sequenceOutput, state, training: false));
    }

    /// <summary>
    /// The training pass of a batch (<c>TrainBatch</c>'s forward) in double, for a feed-forward network: batch normalisation
    /// standardises each channel by its mean and biased variance over every row and position, then moves
    /// <paramref name="state"/>'s running statistics towards them by momentum 0.1 (the variance unbiased, ×n/(n − 1)) and
    /// counts the batch; dropout keeps each value as <see cref="DropoutKeeps"/> says, scaled by 1/(1 − p), and counts its
    /// draws. <paramref name="inputs"/> holds <paramref name="batchSize"/> rows; returns the rows of the output one after the other.
    /// </summary>
    public static double[] TrainingForward(IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batchSize,
        TrainingState state, List<PreActivation>? preActivations = null)
    {
        if (LastRecurrent(layers) >= 0) throw new NotSupportedException("Training mode is modelled for feed-forward networks only.");
        if (batchSize < 1 || inputs.Length != batchSize * layers[0].OutputSize) throw new ArgumentException("Inputs must hold batchSize rows.", nameof(inputs));
        return Concatenate(Run(layers, parameters, Rows(inputs, layers[0].OutputSize), preActivations, false, state, training: true));
    }

    /// <summary>The mean over the rows of each row's loss after <see cref="TrainingForward"/> (what <c>TrainBatch</c> returns).</summary>
    public static double TrainingLoss(Loss loss, IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets, int batchSize, TrainingState state)
        => Loss(loss, TrainingForward(layers, parameters, inputs, batchSize, state), targets, targets.Length / batchSize);

    /// <summary>
    /// d<see cref="TrainingLoss"/>/dθ for every parameter, each from a fresh copy of <paramref name="state"/> (so every pass
    /// draws the same dropout masks and starts from the same running statistics): central differences in double over
    /// θ ± 10⁻⁴ as floats, divided by the exact distance between the two floats, so the error is the truncation's, h²·|f‴|/6 ≈ 10⁻⁹.
    /// </summary>
    public static double[] TrainingGradient(Loss loss, IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets, int batchSize, TrainingState state)
    {
        const double step = 1e-4;
        float[] point = parameters.ToArray();
        var gradient = new double[point.Length];
        for (int k = 0; k < point.Length; k++)
        {
            float original = point[k], plus = (float)(original + step), minus = (float)(original - step);
            point[k] = plus;
            double lossPlus = TrainingLoss(loss, layers, point, inputs, targets, batchSize, state.Copy());
            point[k] = minus;
            double lossMinus = TrainingLoss(loss, layers, point, inputs, targets, batchSize, state.Copy());
            point[k] = original;
            gradient[k] = (lossPlus - lossMinus) / ((double)plus - minus);
        }
        return gradient;
    }

    /// <summary>
    /// What a training pass reads and changes besides the parameters: the running statistics (<see cref="INetwork.Buffers"/>, in
    /// double), the counters (<see cref="INetwork.Counters"/>) and the seed dropout draws its masks from.
    /// </summary>
    public sealed record TrainingState(double[] Buffers, long[] Counters, int Seed)
    {
        public static TrainingState Of(INetwork network, int seed)
            => new(Array.ConvertAll(network.Buffers.ToArray(), v => (double)v), network.Counters.ToArray(), seed);

        public TrainingState Copy() => new((double[])Buffers.Clone(), (long[])Counters.Clone(), Seed);
    }

    /// <summary>
    /// Whether dropout layer <paramref name="layerIndex"/> keeps the value of its <paramref name="draw"/>-th draw (counted over
    /// every value it ever drew, row after row): the draw is output <paramref name="draw"/> of the seed's stream −1 − layer
    /// index, and the value is kept, with probability 1 − p, when its top 24 bits reach round(p·2²⁴).
    /// </summary>
    public static bool DropoutKeeps(int seed, int layerIndex, long draw, double probability)
        => SeededRandom.OutputAt(seed, -1 - layerIndex, draw) >> 40 >= (ulong)Math.Round(probability * (1 << 24));

    /// <summary>PyTorch's defaults for torch.nn.BatchNorm1d/2d and LayerNorm.</summary>
    public const double Momentum = 0.1, Epsilon = 1e-5;

    private static int LastRecurrent(IReadOnlyList<LayerInfo> layers)
    {
        int last = -1;
        for (int l = 0; l < layers.Count; l++)
            if (IsRecurrent(layers[l].Kind)) last = l;
        return last;
    }

    private static double[][] Rows(ReadOnlySpan<float> values, int width)
    {
        var rows = new double[values.Length / width][];
        for (int t = 0; t < rows.Length; t++)
        {
            rows[t] = new double[width];
            for (int i = 0; i < width; i++) rows[t][i] = values[t * width + i];
        }
        return rows;
    }

    /// <summary>
    /// Every layer over <paramref name="previous"/>: one vector per step of a sequence, or per row of a batch (which only
    /// batch normalisation in training looks across).
    /// </summary>
    private static double[][] Run(IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, double[][] previous,
        List<PreActivation>? preActivations, bool sequenceOutput, TrainingState state, bool training)
    {
        int lastRecurrent = LastRecurrent(layers);
        // Each layer's output: one vector per step it runs on (one vector in all for a feed-forward network).
        var outputs = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        for (int l = 0; l < layers.Count; l++)
        {
            LayerInfo layer = layers[l];
            double[][] z, a;
            switch (layer.Kind)
            {
                case LayerKind.Input:
                    outputs[layer.Name] = previous;
                    continue;
                case LayerKind.Dense:
                    z = new double[previous.Length][];
                    for (int t = 0; t < z.Length; t++) z[t] = Dense(layer, parameters, previous[t]);
                    a = Activate(layer.Activation, z);
                    break;
                case LayerKind.Recurrent:
                case LayerKind.Lstm:
                case LayerKind.Gru:
                    (z, a) = layer.Kind == LayerKind.Gru
                        ? Gru(parameters, layer.ParameterOffset, layer.InputSize, layer.OutputSize, previous)
                        : Recurrent(layer, parameters, previous);
                    if (l == lastRecurrent && !sequenceOutput) a = [a[^1]];
                    break;
                case LayerKind.Conv1D:
                case LayerKind.Conv2D:
                    z = new double[previous.Length][];
                    for (int t = 0; t < z.Length; t++) z[t] = Convolution(layer, parameters, previous[t]);
                    a = Activate(layer.Activation, z);
                    break;
                case LayerKind.MaxPool1D:
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool1D:
                case LayerKind.AvgPool2D:
                {
                    bool max = layer.Kind is LayerKind.MaxPool1D or LayerKind.MaxPool2D;
                    a = new double[previous.Length][];
                    var choices = new List<int>();
                    for (int t = 0; t < a.Length; t++)
                    {
                        (a[t], int[] rowChoices) = Pool(layer, previous[t], max);
                        choices.AddRange(rowChoices);
                    }
                    if (max) preActivations?.Add(new PreActivation(layer.Activation, Concatenate(a), choices.ToArray()));
                    outputs[layer.Name] = previous = a;
                    continue;
                }
                case LayerKind.GlobalAvgPool:
                    z = a = Array.ConvertAll(previous, row => GlobalAverage(layer, row));
                    break;
                case LayerKind.BatchNorm:
                    z = BatchNorm(layer, parameters, previous, state, training);
                    a = Activate(layer.Activation, z);
                    break;
                case LayerKind.LayerNorm:
                    z = new double[previous.Length][];
                    for (int t = 0; t < z.Length; t++) z[t] = LayerNorm(layer, parameters, previous[t]);
                    a = Activate(layer.Activation, z);
                    break;
                case LayerKind.Dropout:
                    z = a = training ? Dropout(layer, l, previous, state) : Array.ConvertAll(previous, row => (double[])row.Clone());
                    break;
                default:
                    throw new NotSupportedException($"The reference does not model {layer.Kind} layers.");
            }
            preActivations?.Add(new PreActivation(layer.Activation, Concatenate(z)));
            if (layer.Residual is not null)
            {
                double[][] residual = outputs[layer.Residual];
                for (int t = 0; t < a.Length; t++)
                    for (int o = 0; o < layer.OutputSize; o++) a[t][o] += residual[t][o];
            }
            outputs[layer.Name] = a;
            previous = a;
        }
        return previous;
    }

    /// <summary>φ of every row: softmax over the row, or element by element.</summary>
    private static double[][] Activate(Activation activation, double[][] z)
        => Array.ConvertAll(z, row => activation == Activation.Softmax ? Softmax(row) : Array.ConvertAll(row, v => Activate(activation, v)));

    /// <summary>
    /// torch.nn.BatchNorm1d/2d over channel c = the first dimension of each row (its positions the rest):
    /// z = γ_c·(x − μ_c)/√(σ²_c + ε) + β_c, weight γ [C] then bias β [C]. In evaluation μ and σ² are running_mean and
    /// running_var (Buffers from BufferOffset: running_mean [C] then running_var [C]); in training the mean and biased
    /// variance over the n = rows × positions values (PyTorch raises for n = 1), running = (1 − momentum)·running +
    /// momentum·batch with the variance unbiased, and num_batches_tracked (the layer's counter) + 1.
    /// </summary>
    private static double[][] BatchNorm(LayerInfo layer, ReadOnlySpan<float> parameters, double[][] x, TrainingState state, bool training)
    {
        int channels = layer.OutputShape[0], positions = layer.OutputSize / channels, n = x.Length * positions;
        int runningMean = layer.BufferOffset, runningVariance = layer.BufferOffset + channels;
        if (!training && state.Buffers.Length < runningVariance + channels)
            throw new ArgumentException("Evaluating batch normalisation needs the network's Buffers (the running statistics).");
        if (training && n < 2) throw new InvalidOperationException("Batch normalisation needs more than one value per channel in training.");
        var z = Array.ConvertAll(x, _ => new double[layer.OutputSize]);
        for (int c = 0; c < channels; c++)
        {
            double mean = state.Buffers[runningMean + c], variance = state.Buffers[runningVariance + c];
            if (training)
            {
                double sum = 0, squares = 0;
                foreach (double[] row in x)
                    for (int p = 0; p < positions; p++) sum += row[c * positions + p];
                mean = sum / n;
                foreach (double[] row in x)
                    for (int p = 0; p < positions; p++) squares += (row[c * positions + p] - mean) * (row[c * positions + p] - mean);
                variance = squares / n;
                state.Buffers[runningMean + c] = (1 - Momentum) * state.Buffers[runningMean + c] + Momentum * mean;
                state.Buffers[runningVariance + c] = (1 - Momentum) * state.Buffers[runningVariance + c] + Momentum * squares / (n - 1);
            }
            double gamma = parameters[layer.ParameterOffset + c], beta = parameters[layer.ParameterOffset + channels + c];
            for (int r = 0; r < x.Length; r++)
                for (int p = 0; p < positions; p++)
                    z[r][c * positions + p] = gamma * (x[r][c * positions + p] - mean) / Math.Sqrt(variance + Epsilon) + beta;
        }
        if (training) state.Counters[layer.CounterOffset]++;
        return z;
    }

    /// <summary>
    /// torch.nn.LayerNorm(the row's whole shape): z_i = γ_i·(x_i − μ)/√(σ² + ε) + β_i with the row's mean and biased variance,
    /// weight γ then bias β, each of the row's size. The same in training and evaluation.
    /// </summary>
    private static double[] LayerNorm(LayerInfo layer, ReadOnlySpan<float> parameters, double[] x)
    {
        int size = x.Length, weight = layer.ParameterOffset, bias = weight + size;
        double mean = 0, variance = 0;
        foreach (double v in x) mean += v / size;
        foreach (double v in x) variance += (v - mean) * (v - mean) / size;
        var z = new double[size];
        for (int i = 0; i < size; i++) z[i] = parameters[weight + i] * (x[i] - mean) / Math.Sqrt(variance + Epsilon) + parameters[bias + i];
        return z;
    }

    /// <summary>torch.nn.Dropout(p) in training: each value kept (<see cref="DropoutKeeps"/>) and scaled by 1/(1 − p), or zeroed; the layer's draws counter advances by every value.</summary>
    private static double[][] Dropout(LayerInfo layer, int layerIndex, double[][] x, TrainingState state)
    {
        double p = layer.DropoutProbability;
        long draws = state.Counters[layer.CounterOffset];
        var y = Array.ConvertAll(x, _ => new double[layer.OutputSize]);
        for (int r = 0; r < x.Length; r++)
            for (int i = 0; i < layer.OutputSize; i++)
                y[r][i] = DropoutKeeps(state.Seed, layerIndex, draws + (long)r * layer.OutputSize + i, p) ? x[r][i] / (1 - p) : 0;
        state.Counters[layer.CounterOffset] = draws + (long)x.Length * layer.OutputSize;
        return y;
    }

    /// <summary>
    /// (channels, height, width) of a per-sample shape: [C, L] is a 1D signal of height 1, as torch.nn.Conv1d is
    /// torch.nn.Conv2d with a kernel of height 1.
    /// </summary>
    private static (int C, int H, int W) Planes(IReadOnlyList<int> shape) => shape.Count == 2 ? (shape[0], 1, shape[1]) : (shape[0], shape[1], shape[2]);

    /// <summary>
    /// torch.nn.Conv1d/Conv2d (zero padding): out[o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[c, i·s_h − pad_top + u·d_h,
    /// j·s_w − pad_left + v·d_w], x taken as 0 outside the input; W [filters, C, kh, kw] then b [filters].
    /// </summary>
    private static double[] Convolution(LayerInfo layer, ReadOnlySpan<float> parameters, double[] x)
    {
        Window w = layer.Window!;
        (int channels, int height, int width) = Planes(layer.InputShape);
        (int filters, int outHeight, int outWidth) = Planes(layer.OutputShape);
        int taps = w.KernelHeight * w.KernelWidth, bias = layer.ParameterOffset + filters * channels * taps;
        var z = new double[filters * outHeight * outWidth];
        for (int o = 0; o < filters; o++)
            for (int i = 0; i < outHeight; i++)
                for (int j = 0; j < outWidth; j++)
                {
                    double sum = parameters[bias + o];
                    for (int c = 0; c < channels; c++)
                        for (int u = 0; u < w.KernelHeight; u++)
                            for (int v = 0; v < w.KernelWidth; v++)
                            {
                                int row = i * w.StrideHeight - w.PadTop + u * w.DilationHeight, column = j * w.StrideWidth - w.PadLeft + v * w.DilationWidth;
                                if (row < 0 || row >= height || column < 0 || column >= width) continue;
                                sum += (double)parameters[layer.ParameterOffset + ((o * channels + c) * w.KernelHeight + u) * w.KernelWidth + v] * x[(c * height + row) * width + column];
                            }
                    z[(o * outHeight + i) * outWidth + j] = sum;
                }
        return z;
    }

    /// <summary>
    /// torch.nn.MaxPool1d/2d (padding is −∞, a NaN wins) and AvgPool1d/2d with count_include_pad=True (the sum over the
    /// window, padding counted as 0, divided by kh·kw).
    /// </summary>
    private static (double[] Y, int[] Choices) Pool(LayerInfo layer, double[] x, bool max)
    {
        Window w = layer.Window!;
        (int channels, int height, int width) = Planes(layer.InputShape);
        (_, int outHeight, int outWidth) = Planes(layer.OutputShape);
        var y = new double[channels * outHeight * outWidth];
        var choices = new int[y.Length];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < outHeight; i++)
                for (int j = 0; j < outWidth; j++)
                {
                    double result = max ? double.NegativeInfinity : 0;
                    int choice = -1;
                    for (int u = 0; u < w.KernelHeight; u++)
                        for (int v = 0; v < w.KernelWidth; v++)
                        {
                            int row = i * w.StrideHeight - w.PadTop + u * w.DilationHeight, column = j * w.StrideWidth - w.PadLeft + v * w.DilationWidth;
                            if (row < 0 || row >= height || column < 0 || column >= width) continue;
                            double value = x[(c * height + row) * width + column];
                            if (!max) result += value;
                            else if (value > result || double.IsNaN(value)) (result, choice) = (value, u * w.KernelWidth + v);
                        }
                    int output = (c * outHeight + i) * outWidth + j;
                    (y[output], choices[output]) = max ? (result, choice) : (result / (w.KernelHeight * w.KernelWidth), 0);
                }
        return (y, choices);
    }

    /// <summary>torch.nn.AdaptiveAvgPool1d/2d(1) then a flatten: each channel's mean.</summary>
    private static double[] GlobalAverage(LayerInfo layer, double[] x)
    {
        int channels = layer.InputShape[0], positions = layer.InputSize / channels;
        var y = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int p = 0; p < positions; p++) sum += x[c * positions + p];
            y[c] = sum / positions;
        }
        return y;
    }

    private static bool IsRecurrent(LayerKind kind) => kind is LayerKind.Recurrent or LayerKind.Lstm or LayerKind.Gru;

    /// <summary>z = W·x + b, W [units, inputs] row-major then b (torch.nn.Linear).</summary>
    private static double[] Dense(LayerInfo layer, ReadOnlySpan<float> parameters, double[] x)
    {
        int inputs = layer.InputSize, units = layer.OutputSize, offset = layer.ParameterOffset;
        var z = new double[units];
        for (int o = 0; o < units; o++)
        {
            double sum = parameters[offset + units * inputs + o];
            for (int k = 0; k < inputs; k++) sum += (double)parameters[offset + o * inputs + k] * x[k];
            z[o] = sum;
        }
        return z;
    }

    /// <summary>
    /// A recurrent layer over a whole sequence, h_{−1} = c_{−1} = 0, with PyTorch's tensors weight_ih [rows, in],
    /// weight_hh [rows, H], bias_ih [rows], bias_hh [rows] stored in that order (rows = H, or 4H for an LSTM's gates
    /// i, f, g, o). Every step's gate pre-activations r_t = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh, then
    /// torch.nn.RNNCell: h_t = φ(r_t); torch.nn.LSTMCell: i, f, o = σ(r_i), σ(r_f), σ(r_o), g = tanh(r_g),
    /// c_t = f·c_{t−1} + i·g, h_t = o·tanh(c_t). Returns every step's r and h.
    /// </summary>
    private static (double[][] Z, double[][] H) Recurrent(LayerInfo layer, ReadOnlySpan<float> parameters, double[][] x)
    {
        int inputs = layer.InputSize, units = layer.OutputSize, rows = layer.Rows, offset = layer.ParameterOffset;
        int weightHh = offset + rows * inputs, biasIh = weightHh + rows * units, biasHh = biasIh + rows;
        var z = new double[x.Length][];
        var h = new double[x.Length][];
        double[] hPrevious = new double[units], cPrevious = new double[units];
        for (int t = 0; t < x.Length; t++)
        {
            var r = new double[rows];
            for (int o = 0; o < rows; o++)
            {
                double sum = (double)parameters[biasIh + o] + parameters[biasHh + o];
                for (int k = 0; k < inputs; k++) sum += (double)parameters[offset + o * inputs + k] * x[t][k];
                for (int k = 0; k < units; k++) sum += (double)parameters[weightHh + o * units + k] * hPrevious[k];
                r[o] = sum;
            }
            var ht = new double[units];
            if (layer.Kind == LayerKind.Recurrent)
                for (int j = 0; j < units; j++) ht[j] = Activate(layer.Activation, r[j]);
            else
            {
                var c = new double[units];
                for (int j = 0; j < units; j++)
                {
                    double i = Sigmoid(r[j]), f = Sigmoid(r[units + j]), g = Math.Tanh(r[2 * units + j]), o = Sigmoid(r[3 * units + j]);
                    c[j] = f * cPrevious[j] + i * g;
                    ht[j] = o * Math.Tanh(c[j]);
                }
                cPrevious = c;
            }
            z[t] = r;
            h[t] = hPrevious = ht;
        }
        return (z, h);
    }

    /// <summary>
    /// A GRU layer over a whole sequence as torch.nn.GRU computes it (one layer, one direction), from the layer's
    /// tensors stored one after the other from <paramref name="offset"/> in PyTorch's order, as the other recurrent
    /// layers store theirs: weight_ih [3H, <paramref name="inputs"/>], weight_hh [3H, H], bias_ih [3H], bias_hh [3H],
    /// H = <paramref name="units"/>. See <see cref="Gru(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double[][], double[])"/>.
    /// </summary>
    public static (double[][] Z, double[][] H) Gru(ReadOnlySpan<float> parameters, int offset, int inputs, int units, double[][] x, double[]? initialHidden = null)
    {
        int rows = 3 * units;
        ReadOnlySpan<float> layer = parameters[offset..];
        return Gru(layer[..(rows * inputs)], layer.Slice(rows * inputs, rows * units), layer.Slice(rows * (inputs + units), rows),
            layer.Slice(rows * (inputs + units + 1), rows), x, initialHidden);
    }

    /// <summary>
    /// A GRU layer over a whole sequence as torch.nn.GRU computes it (one layer, one direction; torch.nn.GRUCell on
    /// every step), from its tensors weight_ih [3H, in], weight_hh [3H, H], bias_ih [3H], bias_hh [3H], whose rows are
    /// the blocks r, z, n in that order; h_{−1} = <paramref name="initialHidden"/>, or 0. Every step:
    /// gi = W_ih·x_t + b_ih and gh = W_hh·h_{t−1} + b_hh (kept apart, because r multiplies gh_n alone), then
    /// r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r·gh_n), h_t = (1 − z)·n + z·h_{t−1}.
    /// Returns every step's gate pre-activations (3H: gi_r + gh_r, gi_z + gh_z, gi_n + r·gh_n) and h.
    /// </summary>
    public static (double[][] Z, double[][] H) Gru(ReadOnlySpan<float> weightIh, ReadOnlySpan<float> weightHh, ReadOnlySpan<float> biasIh,
        ReadOnlySpan<float> biasHh, double[][] x, double[]? initialHidden = null)
    {
        int rows = biasIh.Length, units = rows / 3, inputs = units == 0 ? 0 : weightIh.Length / rows;
        if (units == 0 || rows != 3 * units || biasHh.Length != rows || weightHh.Length != rows * units || weightIh.Length != rows * inputs)
            throw new ArgumentException("The tensors do not have a GRU's shapes [3H, in], [3H, H], [3H], [3H].", nameof(weightIh));
        if (initialHidden is not null && initialHidden.Length != units) throw new ArgumentException("h₀ must hold H values.", nameof(initialHidden));
        var z = new double[x.Length][];
        var h = new double[x.Length][];
        double[] hPrevious = initialHidden ?? new double[units];
        for (int t = 0; t < x.Length; t++)
        {
            if (x[t].Length != inputs) throw new ArgumentException($"Step {t} does not hold {inputs} inputs.", nameof(x));
            double[] gi = new double[rows], gh = new double[rows];
            for (int o = 0; o < rows; o++)
            {
                gi[o] = biasIh[o];
                for (int k = 0; k < inputs; k++) gi[o] += (double)weightIh[o * inputs + k] * x[t][k];
                gh[o] = biasHh[o];
                for (int k = 0; k < units; k++) gh[o] += (double)weightHh[o * units + k] * hPrevious[k];
            }
            var pre = new double[rows];
            var ht = new double[units];
            for (int j = 0; j < units; j++)
            {
                pre[j] = gi[j] + gh[j];
                pre[units + j] = gi[units + j] + gh[units + j];
                double r = Sigmoid(pre[j]), update = Sigmoid(pre[units + j]);
                pre[2 * units + j] = gi[2 * units + j] + r * gh[2 * units + j];
                double n = Math.Tanh(pre[2 * units + j]);
                ht[j] = (1 - update) * n + update * hPrevious[j];
            }
            z[t] = pre;
            h[t] = hPrevious = ht;
        }
        return (z, h);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static double[] Concatenate(double[][] steps)
    {
        var all = new List<double>();
        foreach (double[] step in steps) all.AddRange(step);
        return all.ToArray();
    }

    public static double[] Softmax(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        var p = new double[z.Length];
        double sum = 0;
        for (int i = 0; i < z.Length; i++) sum += p[i] = Math.Exp(z[i] - max);
        for (int i = 0; i < z.Length; i++) p[i] /= sum;
        return p;
    }

    /// <summary>The per-sample loss as PyTorch defines it, from the network's outputs (probabilities for BCE and CE).</summary>
    public static double Loss(Loss loss, ReadOnlySpan<double> output, ReadOnlySpan<float> target)
    {
        double sum = 0;
        switch (loss)
        {
            case NetGen.Loss.MeanSquaredError:
                for (int i = 0; i < output.Length; i++) sum += (output[i] - target[i]) * (output[i] - target[i]);
                return sum / output.Length;
            case NetGen.Loss.BinaryCrossEntropy:
                // F.binary_cross_entropy clamps each log at −100.
                for (int i = 0; i < output.Length; i++)
                    sum -= target[i] * Math.Max(Math.Log(output[i]), -100) + (1 - target[i]) * Math.Max(Math.Log(1 - output[i]), -100);
                return sum / output.Length;
            case NetGen.Loss.CrossEntropy:
                for (int i = 0; i < output.Length; i++)
                    if (target[i] != 0) sum -= target[i] * Math.Log(output[i]);
                return sum;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, null);
        }
    }

    public static double Loss(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        => Loss(loss, output, target, output.Length);

    /// <summary>
    /// The loss of a whole output of <paramref name="outputSize"/> values per step (one step for a feed-forward
    /// network or a sequence network that outputs its last step only): the mean over the steps of each step's
    /// <see cref="Loss(NetGen.Loss, ReadOnlySpan{double}, ReadOnlySpan{float})"/>, as the generated Backward defines
    /// it. This is also what PyTorch computes on the [steps, outputs] tensor (F.mse_loss and F.binary_cross_entropy
    /// take the mean over every element; F.cross_entropy the mean over the rows).
    /// </summary>
    public static double Loss(Loss loss, ReadOnlySpan<double> output, ReadOnlySpan<float> target, int outputSize)
    {
        if (output.Length != target.Length || outputSize <= 0 || output.Length % outputSize != 0)
            throw new ArgumentException("The output and the target must hold the same whole number of steps.", nameof(target));
        int steps = output.Length / outputSize;
        double sum = 0;
        for (int t = 0; t < steps; t++) sum += Loss(loss, output.Slice(t * outputSize, outputSize), target.Slice(t * outputSize, outputSize));
        return sum / steps;
    }

    public static double Loss(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target, int outputSize)
    {
        var widened = new double[output.Length];
        for (int i = 0; i < output.Length; i++) widened[i] = output[i];
        return Loss(loss, widened, target, outputSize);
    }
}
