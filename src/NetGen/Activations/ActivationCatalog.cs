// Shared source: compiled into the runtime and, with NETGEN_MODEL defined, into the generator and the analyzer.
// Every activation's identity, math and facts live here, read by the mean-field estimator, GradientFlow.Measure,
// ONNX export, the generated code and the run-time dispatch: adding an activation means its enum member, its
// float struct (the vector kernels) and one row below.
using System;
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen.Activations;
#endif

/// <summary>How ONNX opset 17 writes an activation.</summary>
internal enum OnnxActivationForm
{
    /// <summary>Nothing: the input is the output.</summary>
    Identity,
    /// <summary>One node of <see cref="ActivationInfo.OnnxOperator"/> with <see cref="ActivationInfo.OnnxAttributes"/>.</summary>
    Node,
    /// <summary>x·Op(x) (SiLU is x·Sigmoid(x)): opset 17 has no node of its own for it.</summary>
    TimesInput,
    /// <summary>x·½·(1 + erf(x/√2)), from Erf (opset 17 has no Gelu node; it came with opset 20).</summary>
    ErfGelu,
}

/// <summary>One activation: its double-precision math and the facts the analyzer, the generator and export need.</summary>
internal sealed class ActivationInfo(Activation activation, Func<double, double> value, Func<double, double> derivative)
{
    /// <summary>The enum member.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Lower-case name, for messages ("sigmoid").</summary>
    public string Name { get; } = activation.ToString().ToLowerInvariant();

    /// <summary>φ(x) in double precision (the estimator's quadrature and the tests' references).</summary>
    public Func<double, double> Value { get; } = value;

    /// <summary>φ′(x) in double precision.</summary>
    public Func<double, double> Derivative { get; } = derivative;

    /// <summary>φ′ → 0 for large |x| (sigmoid, tanh): deep stacks of these lose gradient (NG0001).</summary>
    public bool IsSaturating { get; init; }

    /// <summary>|z| beyond which a unit counts as saturated (∞ for activations that do not saturate).</summary>
    public double SaturationThreshold { get; init; } = double.PositiveInfinity;

    /// <summary>What <c>Init.Auto</c> resolves to for a layer with this activation.</summary>
    public Init AutoInit { get; init; } = Init.Glorot;

    /// <summary>The runtime struct implements IVectorActivation: whole layers go through ActivationKernels.</summary>
    public bool HasVectorForm { get; init; }

    /// <summary>False for Softmax, which couples its outputs.</summary>
    public bool IsElementwise { get; init; } = true;

    /// <summary>Piecewise linear φ(x) = x (x &gt; 0), slope·x (x ≤ 0): the estimator's moments then have closed forms.</summary>
    public double? NegativeSlope { get; init; }

    /// <summary>
    /// Exponential linear φ(x) = scale·x (x &gt; 0), scale·alpha·(eˣ − 1) (x ≤ 0): closed-form moments too, where quadrature
    /// would meet the jump of φ′ at 0 (SELU's φ′ goes from scale·alpha to scale).
    /// </summary>
    public (double Scale, double Alpha)? ExponentialLinear { get; init; }

    /// <summary>How ONNX writes it.</summary>
    public OnnxActivationForm OnnxForm { get; init; } = OnnxActivationForm.Node;

    /// <summary>The ONNX operator (for <see cref="OnnxActivationForm.Node"/> and <see cref="OnnxActivationForm.TimesInput"/>).</summary>
    public string OnnxOperator { get; init; } = "";

    /// <summary>The node's float attributes, e.g. LeakyRelu's alpha.</summary>
    public (string Name, float Value)[] OnnxAttributes { get; init; } = [];

    /// <summary>Whether ONNX's RNN node accepts it in its <c>activations</c> list (by <see cref="OnnxOperator"/>, alpha as activation_alpha).</summary>
    public bool OnnxRecurrent { get; init; }

    /// <summary>
    /// PyTorch's expression for φ of <c>{0}</c> (<c>import torch.nn.functional as F</c>): the function whose defaults are
    /// NetGen's constants (leaky_relu's 0.01, elu's α = 1, gelu's erf form, softplus's β = 1 and threshold 20), so the
    /// generated PyTorch twin computes what the generated C# does.
    /// </summary>
    public string PyTorch { get; init; } = "{0}";

    /// <summary><c>torch.nn.RNNCell</c>'s <c>nonlinearity</c> for it ("tanh", "relu"), or null: RNNCell has no other.</summary>
    public string? PyTorchRnnNonlinearity { get; init; }

#if !NETGEN_MODEL
    /// <summary>The float kernels, for run-time code that picks an activation by value (the pre-training layers).</summary>
    public ActivationKernelPair? Kernels { get; init; }
#endif
}

/// <summary>Every activation, indexed by its enum value.</summary>
internal static class ActivationCatalog
{
    /// <summary>Leaky ReLU's negative slope (PyTorch's default).</summary>
    public const float LeakyReluSlope = 0.01f;

    /// <summary>SELU's α and scale (Klambauer et al. 2017; torch.nn.SELU).</summary>
    public const float SeluAlpha = 1.6732632423543772848170429916717f, SeluScale = 1.0507009873554804934193349852946f;

    /// <summary>The saturation threshold of sigmoid and tanh: beyond |z| = 5, φ′ &lt; 0.007 (σ) or 1.8e-4 (tanh).</summary>
    public const double SaturatedBeyond = 5;

    private static readonly ActivationInfo[] s_all =
    [
        new(Activation.Linear, x => x, _ => 1)
        {
            NegativeSlope = 1, HasVectorForm = true, OnnxForm = OnnxActivationForm.Identity,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Linear>(),
#endif
        },
        new(Activation.Sigmoid, Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x)))
        {
            PyTorch = "torch.sigmoid({0})", IsSaturating = true, SaturationThreshold = SaturatedBeyond, HasVectorForm = true, OnnxOperator = "Sigmoid", OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Sigmoid>(),
#endif
        },
        new(Activation.Tanh, Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x))
        {
            PyTorch = "torch.tanh({0})", PyTorchRnnNonlinearity = "tanh", IsSaturating = true, SaturationThreshold = SaturatedBeyond, HasVectorForm = true, OnnxOperator = "Tanh", OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Tanh>(),
#endif
        },
        new(Activation.Relu, x => Math.Max(x, 0), x => x > 0 ? 1 : 0)
        {
            PyTorch = "F.relu({0})", PyTorchRnnNonlinearity = "relu", AutoInit = Init.He, NegativeSlope = 0, HasVectorForm = true, OnnxOperator = "Relu", OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Relu>(),
#endif
        },
        new(Activation.LeakyRelu, x => x > 0 ? x : LeakyReluSlope * x, x => x > 0 ? 1 : LeakyReluSlope)
        {
            PyTorch = "F.leaky_relu({0})", AutoInit = Init.He, NegativeSlope = LeakyReluSlope, HasVectorForm = true,
            OnnxOperator = "LeakyRelu", OnnxAttributes = [("alpha", LeakyReluSlope)], OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<LeakyRelu>(),
#endif
        },
        new(Activation.Elu, x => x > 0 ? x : Math.Exp(x) - 1, x => x > 0 ? 1 : Math.Exp(x))
        {
            PyTorch = "F.elu({0})", AutoInit = Init.He, OnnxOperator = "Elu", OnnxAttributes = [("alpha", 1f)], OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Scalar<Elu>(),
#endif
        },
        new(Activation.Gelu, x => x * NormalCdf(x), x => NormalCdf(x) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI))
        {
            PyTorch = "F.gelu({0})", AutoInit = Init.He, OnnxForm = OnnxActivationForm.ErfGelu,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Scalar<Gelu>(),
#endif
        },
        new(Activation.Softplus, x => x > 20 ? x : Math.Log(1 + Math.Exp(x)), x => x > 20 ? 1 : Sigmoid(x))
        {
            PyTorch = "F.softplus({0})", OnnxOperator = "Softplus", OnnxRecurrent = true,
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Scalar<Softplus>(),
#endif
        },
        // Softmax couples its outputs; only the output layer has it, where the estimator reads no moment of it. ONNX and
        // PyTorch: over the last axis (the features, also of a sequence's every step), opset 17's default.
        new(Activation.Softmax, x => x, _ => 1) { IsElementwise = false, OnnxOperator = "Softmax", PyTorch = "F.softmax({0}, dim=-1)" },
        // SELU: with LeCun init its mean-field fixed point is E[a²] = 1, where χ = 1.07, a remedy of its own (Klambauer et al. 2017).
        new(Activation.Selu, x => SeluScale * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1)), x => SeluScale * (x > 0 ? 1 : SeluAlpha * Math.Exp(x)))
        {
            PyTorch = "F.selu({0})", AutoInit = Init.LeCun, ExponentialLinear = (SeluScale, SeluAlpha), HasVectorForm = true, OnnxOperator = "Selu", OnnxAttributes = [("alpha", SeluAlpha), ("gamma", SeluScale)],
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Selu>(),
#endif
        },
        // SiLU: a smooth rectifier, so Init.Auto gives it He as the ReLU family (Glorot halves χ per layer again).
        new(Activation.Silu, x => x * Sigmoid(x), x => Sigmoid(x) * (1 + x * (1 - Sigmoid(x))))
        {
            PyTorch = "F.silu({0})", AutoInit = Init.He, HasVectorForm = true, OnnxForm = OnnxActivationForm.TimesInput, OnnxOperator = "Sigmoid",
#if !NETGEN_MODEL
            Kernels = ActivationKernelPair.Vector<Silu>(),
#endif
        },
    ];

    /// <summary>The row of <paramref name="activation"/>.</summary>
    public static ActivationInfo Of(Activation activation) => s_all[(int)activation];

    /// <summary>Whether <paramref name="activation"/> is a member the catalog knows.</summary>
    public static bool IsDefined(Activation activation) => (uint)activation < (uint)s_all.Length;

    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Φ(x), the standard normal CDF.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erf(x) = 1 − erfc(x): absolute error below 1.2e-7 (.NET has no Math.Erf).</summary>
    public static double Erf(double x) => 1 - Erfc(x);

    /// <summary>erfc by Numerical Recipes' Chebyshev fit: relative error below 1.2e-7 everywhere, tails included.</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double result = t * Math.Exp(-z * z - 1.26551223 + ErfcFit(t));
        return x >= 0 ? result : 2 - result;
    }

    /// <summary>
    /// erfcx(x) = e^(x²)·erfc(x), by the same fit: for x ≥ 0 without forming e^(x²) (which overflows) or erfc (which
    /// underflows), so that e^(a²q/2)·Φ(−a√q) = erfcx(a√(q/2))/2 stays finite for any q.
    /// </summary>
    public static double ErfcScaled(double x)
    {
        if (x < 0) return Math.Exp(x * x) * Erfc(x);
        double t = 1 / (1 + 0.5 * x);
        return t * Math.Exp(-1.26551223 + ErfcFit(t));
    }

    private static double ErfcFit(double t)
        => t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
}
