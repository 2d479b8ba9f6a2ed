// Shared source: compiled into the runtime (public) and, with NETGEN_MODEL defined, into the generator and the
// analyzer (internal, in NetGen.Model), as System.Text.Json's generator compiles the runtime's own enums.
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen;
#endif

/// <summary>Weight initialisation schemes. Biases start at zero.</summary>
#if NETGEN_MODEL
internal
#else
public
#endif
enum Init
{
    /// <summary>He for the ReLU family (ReLU, leaky ReLU, ELU, GELU) and SiLU, LeCun for SELU, Glorot-uniform otherwise.</summary>
    Auto = 0,
    /// <summary>Glorot (Xavier) uniform: U(−a, a), a = √(6 / (fan_in + fan_out)).</summary>
    Glorot = 1,
    /// <summary>He (Kaiming) uniform: U(−a, a), a = √(6 / fan_in), variance 2 / fan_in.</summary>
    He = 2,
    /// <summary>LeCun uniform: U(−a, a), a = √(3 / fan_in), variance 1 / fan_in.</summary>
    LeCun = 3,
    /// <summary>A (semi-)orthogonal matrix with gain 1.</summary>
    Orthogonal = 4,
    /// <summary>All zeros.</summary>
    Zeros = 5,
}
