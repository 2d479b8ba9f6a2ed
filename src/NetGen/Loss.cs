// Shared source: compiled into the runtime (public) and, with NETGEN_MODEL defined, into the generator and the
// analyzer (internal, in NetGen.Model), as System.Text.Json's generator compiles the runtime's own enums.
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen;
#endif

/// <summary>Per-sample losses as PyTorch computes them; a batch takes the mean over samples.</summary>
#if NETGEN_MODEL
internal
#else
public
#endif
enum Loss
{
    /// <summary>Mean over outputs of (y − t)², as <c>F.mse_loss</c>.</summary>
    MeanSquaredError = 0,
    /// <summary>Mean over outputs of −[t·log y + (1 − t)·log(1 − y)] on sigmoid outputs, as <c>F.binary_cross_entropy</c>.</summary>
    BinaryCrossEntropy = 1,
    /// <summary>−Σ t·log p over the classes of a softmax output, with probability or one-hot targets.</summary>
    CrossEntropy = 2,
}
