using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

/// <summary>
/// How one layer kind runs in the packed inference form (<c>Net.Inference</c>; which kinds take part, and how stages
/// form, is <see cref="InferencePlan"/>'s): its packed block, its state, its packing in Refresh and its computation in Run.
/// </summary>
internal interface IInferenceLayerEmitter
{
    /// <summary>Floats of the stage's packed block: a multiple of 16, so every block starts 64-byte aligned.</summary>
    int PackedCount(InferenceStage stage);

    /// <summary>Floats of the state the stage keeps from one step to the next (a multiple of 16; 0 for none).</summary>
    int StateCount(InferenceStage stage);

    /// <summary>The packed block's layout from <paramref name="at"/>, for the generated comment.</summary>
    string DescribePacking(InferenceStage stage, int at);

    /// <summary>In Refresh: the stage's block at <paramref name="at"/> of <c>w</c> from the parameters <c>p</c> (and buffers <c>s</c>).</summary>
    void EmitPacking(SourceWriter writer, InferenceStage stage, int at);

    /// <summary>In Run: the stage, from <see cref="InferenceSlots.Source"/>; returns the ref expression of its output, which later stages read.</summary>
    string EmitRun(SourceWriter writer, InferenceStage stage, InferenceSlots slots);
}

/// <summary>
/// Where a stage of the inference form works, in Run's locals: <c>w</c> (the packed block), <c>work</c>/<c>wk</c> (the
/// workspace), <c>z</c> (scratch of the widest stride), <c>state</c>/<c>st</c> and <c>flip</c> (recurrent networks).
/// </summary>
/// <param name="Packed">The stage's block in <c>w</c>.</param>
/// <param name="State">The stage's state in <c>st</c>.</param>
/// <param name="Output">Where a stateless stage writes its output in <c>work</c> (its stride of floats).</param>
/// <param name="Source">The ref expression of the stage's input (e.g. <c>x</c>).</param>
/// <param name="Residual">The ref expression added after the activation, or null.</param>
internal sealed record InferenceSlots(int Packed, int State, int Output, string Source, string? Residual)
{
    /// <summary><c>ref</c> to float <paramref name="offset"/> of the ref local <paramref name="block"/>.</summary>
    public static string At(string block, int offset)
        => offset == 0 ? "ref " + block : Invariant($"ref {TypeNames.Unsafe}.Add(ref {block}, {offset})");

    /// <summary>The ref expression (no <c>ref</c>) of float <paramref name="offset"/> of <paramref name="block"/>.</summary>
    public static string Expression(string block, int offset) => At(block, offset).Substring(4);

    /// <summary>A span of <paramref name="length"/> floats at the ref expression <paramref name="reference"/>.</summary>
    public static string SpanOf(string reference, int length) => Invariant($"{TypeNames.MemoryMarshal}.CreateSpan(ref {reference}, {length})");
}

/// <summary>
/// A stateless kind that runs a whole batch of the inference form at once, as matrices of one row per sample, so that
/// its weights are read once per batch rather than once per sample.
/// </summary>
internal interface IInferenceBatchLayerEmitter
{
    /// <summary>In RunBatch: the stage over every row, from <see cref="InferenceBatchSlots.Source"/> into <see cref="InferenceBatchSlots.Output"/>.</summary>
    void EmitRunBatch(SourceWriter writer, InferenceStage stage, InferenceBatchSlots slots);
}

/// <summary>
/// Where a stage of the inference form's batch path works, in RunBatch's locals: <c>w</c> (the packed block as a span),
/// <c>z</c> (scratch rows of the widest stride) and <c>batchSize</c>. Spans are named by the expressions given.
/// </summary>
/// <param name="Packed">The stage's block in <c>w</c>.</param>
/// <param name="Output">The span of the stage's output rows (<c>batchSize</c> rows of its stride).</param>
/// <param name="Source">The span of its input rows, <paramref name="SourceStride"/> floats apart.</param>
/// <param name="Residual">The span of the rows added after the activation, <paramref name="ResidualStride"/> apart, or null.</param>
internal sealed record InferenceBatchSlots(int Packed, string Output, string Source, int SourceStride, string? Residual, int ResidualStride);
