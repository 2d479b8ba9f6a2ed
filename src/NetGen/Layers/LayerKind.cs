// Shared source: compiled into the runtime (public) and, with NETGEN_MODEL defined, into the generator and the
// analyzer (internal, in NetGen.Model), as System.Text.Json's generator compiles the runtime's own enums.
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen;
#endif

/// <summary>What a layer is.</summary>
#if NETGEN_MODEL
internal
#else
public
#endif
enum LayerKind
{
    /// <summary>The input vector.</summary>
    Input = 0,
    /// <summary>A fully connected layer.</summary>
    Dense = 1,
    /// <summary>An Elman recurrent layer.</summary>
    Recurrent = 2,
    /// <summary>A long short-term memory layer.</summary>
    Lstm = 3,
    /// <summary>A gated recurrent unit layer.</summary>
    Gru = 4,
}
