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
    /// <summary>A one-dimensional convolution (channels × length).</summary>
    Conv1D = 5,
    /// <summary>A two-dimensional convolution (channels × height × width).</summary>
    Conv2D = 6,
    /// <summary>Max pooling over a length.</summary>
    MaxPool1D = 7,
    /// <summary>Max pooling over height and width.</summary>
    MaxPool2D = 8,
    /// <summary>Average pooling over a length.</summary>
    AvgPool1D = 9,
    /// <summary>Average pooling over height and width.</summary>
    AvgPool2D = 10,
    /// <summary>Each channel's mean over all positions.</summary>
    GlobalAvgPool = 11,
    /// <summary>Batch normalisation: each feature or channel standardised over the batch (running statistics in inference).</summary>
    BatchNorm = 12,
    /// <summary>Layer normalisation: each sample standardised over its own values.</summary>
    LayerNorm = 13,
    /// <summary>Inverted dropout: values zeroed with probability p in training, the rest scaled by 1/(1 − p).</summary>
    Dropout = 14,
}
