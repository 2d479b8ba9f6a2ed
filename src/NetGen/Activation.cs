// Shared source: compiled into the runtime (public) and, with NETGEN_MODEL defined, into the generator and the
// analyzer (internal, in NetGen.Model), as System.Text.Json's generator compiles the runtime's own enums.
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen;
#endif

/// <summary>Element-wise activations, with PyTorch's default constants.</summary>
#if NETGEN_MODEL
internal
#else
public
#endif
enum Activation
{
    /// <summary>Identity.</summary>
    Linear = 0,
    /// <summary>1 / (1 + e^−x); saturating.</summary>
    Sigmoid = 1,
    /// <summary>Hyperbolic tangent; saturating.</summary>
    Tanh = 2,
    /// <summary>max(0, x).</summary>
    Relu = 3,
    /// <summary>x for x &gt; 0, 0.01·x otherwise.</summary>
    LeakyRelu = 4,
    /// <summary>x for x &gt; 0, e^x − 1 otherwise (α = 1).</summary>
    Elu = 5,
    /// <summary>x·Φ(x), the exact erf form.</summary>
    Gelu = 6,
    /// <summary>ln(1 + e^x) (β = 1).</summary>
    Softplus = 7,
    /// <summary>Normalised exponentials; only on the last layer, only with <see cref="Loss.CrossEntropy"/>.</summary>
    Softmax = 8,
    /// <summary>scale·(max(0, x) + min(0, α·(e^x − 1))), α ≈ 1.6733, scale ≈ 1.0507 (self-normalising with LeCun init; Init.Auto gives LeCun).</summary>
    Selu = 9,
    /// <summary>x·σ(x), also called swish (Init.Auto gives He, as for the ReLU family).</summary>
    Silu = 10,
}
