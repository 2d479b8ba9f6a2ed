using System;
using System.Collections.Generic;

namespace NetGen.Tests;

/// <summary>
/// An independent double-precision model of what a generated network computes, written from the contract
/// (SPEC §1: y = act(W·x + b), W [units, inputs] row-major then b, residual added after the activation; PyTorch's
/// losses). It reads only <see cref="INetwork.Layers"/> and the parameters, so it can check any network.
/// </summary>
internal static class DoubleReference
{
    public const double LeakyReluSlope = 0.01;

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
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation."),
    };

    /// <summary>Whether the activation has a kink (a jump in φ′) at 0.</summary>
    public static bool HasKinkAtZero(Activation activation) => activation is Activation.Relu or Activation.LeakyRelu;

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

    /// <summary>A layer's pre-activations z for one forward pass, with the layer's activation.</summary>
    public readonly record struct PreActivation(Activation Activation, double[] Z);

    /// <summary>Runs <paramref name="input"/> forward in double; optionally returns every Dense layer's z.</summary>
    public static double[] Forward(IReadOnlyList<LayerInfo> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, List<PreActivation>? preActivations = null)
    {
        var outputs = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[] previous = new double[input.Length];
        for (int i = 0; i < input.Length; i++) previous[i] = input[i];
        foreach (LayerInfo layer in layers)
        {
            if (layer.Kind == LayerKind.Input)
            {
                if (layer.OutputSize != input.Length) throw new ArgumentException("Input length does not match the input layer.", nameof(input));
                outputs[layer.Name] = previous;
                continue;
            }
            if (layer.Kind != LayerKind.Dense) throw new NotSupportedException("The reference models dense layers only.");
            int inputs = layer.InputSize, units = layer.OutputSize, offset = layer.ParameterOffset;
            var z = new double[units];
            for (int o = 0; o < units; o++)
            {
                double sum = parameters[offset + units * inputs + o];
                for (int k = 0; k < inputs; k++) sum += (double)parameters[offset + o * inputs + k] * previous[k];
                z[o] = sum;
            }
            preActivations?.Add(new PreActivation(layer.Activation, z));
            double[] a = layer.Activation == Activation.Softmax ? Softmax(z) : Array.ConvertAll(z, v => Activate(layer.Activation, v));
            if (layer.Residual is not null)
            {
                double[] residual = outputs[layer.Residual];
                for (int o = 0; o < units; o++) a[o] += residual[o];
            }
            outputs[layer.Name] = a;
            previous = a;
        }
        return previous;
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
    {
        var widened = new double[output.Length];
        for (int i = 0; i < output.Length; i++) widened[i] = output[i];
        return Loss(loss, widened, target);
    }
}
