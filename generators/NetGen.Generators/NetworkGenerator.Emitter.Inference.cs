using System.Collections.Generic;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Generators.Layers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    internal const string InferenceKernels = TypeNames.Numerics + ".InferenceKernels";

    /// <summary>
    /// ToInference and the nested Inference class, for the networks <see cref="InferencePlan"/> accepts: a snapshot of the
    /// network in evaluation mode with each stage's weights packed for the broadcast kernel (Wᵀ <c>[in, stride]</c>,
    /// a batch normalisation folded into the dense layer before it, dropout gone), its own workspace, Forward
    /// (one sample and a batch) and Refresh.
    /// </summary>
    internal static void EmitInference(SourceWriter writer, NetworkSpec spec, IReadOnlyList<InferenceStage> stages, CancellationToken cancellationToken)
    {
        // Where each stage's packed block, output and state start: multiples of 16 floats, so 64-byte aligned.
        var packedAt = new int[stages.Count];
        var outputAt = new int[stages.Count]; // a stateless stage's output in _work
        var stateAt = new int[stages.Count];  // a recurrent stage's state in _state
        int packed = 0, work = 0, widest = 0, state = 0;
        foreach (InferenceStage stage in stages)
        {
            IInferenceLayerEmitter kind = LayerEmitters.InferenceOf(stage.Layer);
            packedAt[stage.Index] = packed;
            packed += kind.PackedCount(stage);
            stateAt[stage.Index] = state;
            state += kind.StateCount(stage);
            outputAt[stage.Index] = work;
            if (!stage.IsRecurrent) work += RoundUp16(stage.Stride);
            if (stage.Stride > widest) widest = stage.Stride;
        }
        bool recurrent = state > 0;
        int scratchAt = work; // z of the stage running, and a folded normalisation's scale and shift while packing
        work += 2 * RoundUp16(widest);
        bool readsBuffers = false;
        foreach (InferenceStage stage in stages) readsBuffers |= stage.Last.Descriptor.InferenceRole == InferenceRole.FeatureScale;

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// A packed snapshot of this network's current parameters (and running statistics) for inference: see");
        writer.WriteLine("/// <see cref=\"Inference\"/>. Later changes to this network do not reach it until <see cref=\"Inference.Refresh\"/>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("public Inference ToInference() => new Inference(this);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The network in evaluation mode, packed for inference: each dense layer's weights transposed to Wᵀ [in, out] (out");
        writer.WriteLine("/// padded to a multiple of 16), batch normalisation folded into the dense layer before it where it can be, dropout");
        writer.WriteLine("/// left out (the identity in evaluation). A snapshot: it copies the parameters when made and by");
        writer.WriteLine("/// <see cref=\"Refresh\"/>, and sees no later change to the network. Its <see cref=\"Forward(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>");
        writer.WriteLine("/// equals the network's evaluation-mode Forward (to float rounding) and allocates nothing. One instance per thread.");
        if (recurrent)
        {
            writer.WriteLine("/// Each recurrent layer's W_ih and W_hh are stacked and transposed to Wᵀ [in + hidden, gate columns] (b_ih + b_hh summed;");
            writer.WriteLine("/// the GRU's n gate keeps its input and hidden products apart), and <see cref=\"Step\"/> runs one time step of a stream,");
            writer.WriteLine("/// keeping the state (h, an LSTM's c) until <see cref=\"Reset\"/> or <see cref=\"Refresh\"/>.");
        }
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratedCodeAttribute);
        using (writer.OpenBlock("public sealed class Inference"))
        {
            writer.WriteLine(Invariant($"// Packed weights, {packed} floats, each stage's block at a multiple of 16 floats (64-byte aligned):"));
            foreach (InferenceStage stage in stages)
                writer.WriteLine(Invariant($"//   stage {stage.Index}: {DescribeStage(stage)}, {LayerEmitters.InferenceOf(stage.Layer).DescribePacking(stage, packedAt[stage.Index])}"));
            writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _packed = new({packed});"));
            writer.WriteLine(Invariant($"// Workspace: each stateless stage's output (its stride of floats), then twice the widest stride: z while running, a folded normalisation's scale and shift while packing."));
            writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _work = new({work});"));
            if (recurrent)
            {
                writer.WriteLine(Invariant($"// State, {state} floats: per recurrent stage its kind's (a simple layer's [x_t; h_{{t−1}}], a gated layer's two h buffers, which swap roles at each step, and an LSTM's c); zero after Reset."));
                writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _state = new({state});"));
                writer.WriteLine("// Which of a gated layer's two h buffers holds h_{t−1}: 0 or 1, swapped by every step.");
                writer.WriteLine("private int _flip;");
            }
            writer.WriteLine();
            writer.WriteLine($"/// <summary>Packs <paramref name=\"network\"/>'s current parameters: the same as <c>network.ToInference()</c>.</summary>");
            writer.WriteLine($"public Inference({spec.ClassName} network) => Refresh(network);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Packs <paramref name=\"network\"/>'s current parameters (and running statistics) again, into the same blocks: after");
            writer.WriteLine(recurrent
                ? "/// training further, or to take another instance's weights; and resets the state (<see cref=\"Reset\"/>). Allocates nothing."
                : "/// training further, or to take another instance's weights. Allocates nothing.");
            writer.WriteLine("/// </summary>");
            using (writer.OpenBlock($"public void Refresh({spec.ClassName} network)"))
            {
                writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(network);");
                writer.WriteLine($"{TypeNames.ReadOnlySpan} p = network.Parameters;");
                if (readsBuffers) writer.WriteLine($"{TypeNames.ReadOnlySpan} s = network.Buffers;");
                writer.WriteLine($"{TypeNames.Span} w = _packed.Span;");
                if (readsBuffers)
                    writer.WriteLine(Invariant($"{TypeNames.Span} scale = _work.Span.Slice({scratchAt}, {widest}), shift = _work.Span.Slice({scratchAt + widest}, {widest});"));
                foreach (InferenceStage stage in stages)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}");
                    LayerEmitters.InferenceOf(stage.Layer).EmitPacking(writer, stage, packedAt[stage.Index]);
                }
                if (recurrent) writer.WriteLine("Reset();");
            }
            writer.WriteLine();
            if (recurrent) EmitRecurrentCalls(writer, spec);
            else
            {
                writer.WriteLine("/// <summary>One sample: what the network's <c>Forward(input, output)</c> gives, from the packed snapshot.</summary>");
                using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
                {
                    writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(input.Length, InputSize, \"the input\", nameof(input));");
                    writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(output.Length, OutputSize, \"the output\", nameof(output));");
                    writer.WriteLine("Run(input, output);");
                }
                writer.WriteLine();
                writer.WriteLine();
                EmitInferenceBatch(writer, spec, stages, packedAt, outputAt, work, scratchAt, widest, cancellationToken);
            }
            writer.WriteLine();
            writer.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // inlined into a caller, the kernels' accumulators can end up on the stack");
            using (writer.OpenBlock($"private void Run({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output{(RunsHeadOnLastStep(spec) ? ", bool last" : "")})"))
                EmitRun(writer, spec, stages, packedAt, outputAt, stateAt, scratchAt, widest, cancellationToken);
        }
    }

    /// <summary>
    /// Run's body: the stages in order, each through its kind's emitter, on refs into the packed block (<c>w</c>), the
    /// workspace (<c>wk</c>) and the state (<c>st</c>), so that the kernels inline with the sizes as constants; then the
    /// last stage's output copied to the caller's span.
    /// </summary>
    private static void EmitRun(SourceWriter writer, NetworkSpec spec, IReadOnlyList<InferenceStage> stages, int[] packedAt, int[] outputAt, int[] stateAt,
        int scratchAt, int widest, CancellationToken cancellationToken)
    {
        bool recurrent = spec.IsRecurrent;
        int lastRecurrent = -1; // the stage after which a sequence's inner steps stop
        if (RunsHeadOnLastStep(spec))
            foreach (InferenceStage stage in stages)
                if (stage.IsRecurrent) lastRecurrent = stage.Index;
        writer.WriteLine($"ref float w = ref {TypeNames.MemoryMarshal}.GetReference(_packed.Span);");
        writer.WriteLine($"{TypeNames.Span} work = _work.Span;");
        writer.WriteLine(Invariant($"{TypeNames.Span} z = work.Slice({scratchAt}, {RoundUp16(widest)});"));
        writer.WriteLine($"ref float wk = ref {TypeNames.MemoryMarshal}.GetReference(work);");
        writer.WriteLine($"ref float x = ref {TypeNames.MemoryMarshal}.GetReference(input);");
        if (recurrent)
        {
            writer.WriteLine($"{TypeNames.Span} state = _state.Span;");
            writer.WriteLine($"ref float st = ref {TypeNames.MemoryMarshal}.GetReference(state);");
            writer.WriteLine("int flip = _flip;");
            writer.WriteLine("_flip = flip ^ 1;");
        }
        var outputs = new string[stages.Count];
        string Output(int source) => source < 0 ? "x" : outputs[source];
        int stageIndex = 0;
        for (int index = 1; index < spec.Layers.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[index];
            if (layer.Descriptor.InferenceRole == InferenceRole.Identity)
            {
                writer.WriteLine($"// {Names.Describe(layer)}: the identity in evaluation, nothing to compute.");
                continue;
            }
            if (stageIndex >= stages.Count || stages[stageIndex].Layer != layer) continue; // a batch normalisation folded into the stage before
            InferenceStage stage = stages[stageIndex++];
            writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}");
            var slots = new InferenceSlots(packedAt[stage.Index], stateAt[stage.Index], outputAt[stage.Index], Output(stage.Source),
                stage.Residual is { } residual ? Output(residual) : null);
            outputs[stage.Index] = LayerEmitters.InferenceOf(stage.Layer).EmitRun(writer, stage, slots);
            if (stage.Index == lastRecurrent)
                writer.WriteLine("if (!last) return; // inside a sequence only the state moves on: what follows it, and the output, only at its last step");
        }
        InferenceStage last = stages[stages.Count - 1];
        writer.WriteLine(Invariant($"{InferenceSlots.SpanOf(outputs[last.Index], last.Units)}.CopyTo(output);"));
    }

    /// <summary>
    /// The batch Forward of a feed-forward network: below <see cref="InferenceBatchRows"/> rows, each row through Run;
    /// from there, RunBatch, every stage as one matrix product over all rows (<c>InferenceKernels.DenseBatch</c>), in
    /// row buffers laid out as the one-sample workspace with every offset times the batch size, grown to the largest
    /// batch seen (the one allocation, on the first call with a larger batch).
    /// </summary>
    private static void EmitInferenceBatch(SourceWriter writer, NetworkSpec spec, IReadOnlyList<InferenceStage> stages, int[] packedAt, int[] outputAt,
        int work, int scratchAt, int widest, CancellationToken cancellationToken)
    {
        writer.WriteLine(Invariant($"// The batch path's rows: the workspace's layout with every offset times the batch size, {work} floats per row; grown to the largest batch seen."));
        writer.WriteLine($"private {TypeNames.Numerics}.AlignedBlock _rows = new(0);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// <paramref name=\"batchSize\"/> samples, rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/>: each row as the one-sample");
        writer.WriteLine(Invariant($"/// Forward computes it (to float rounding). From {InferenceBatchRows} rows on, each layer is one matrix product over the whole batch; the"));
        writer.WriteLine("/// first call with a batch larger than any before allocates its row buffers, later ones allocate nothing.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize)"))
        {
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckBatch(batchSize, inputs.Length, InputSize, outputs.Length, OutputSize, nameof(outputs));");
            using (writer.OpenBlock(Invariant($"if (batchSize < {InferenceBatchRows})")))
            {
                writer.WriteLine("for (int sample = 0; sample < batchSize; sample++)");
                writer.WriteLine("    Run(inputs.Slice(sample * InputSize, InputSize), outputs.Slice(sample * OutputSize, OutputSize));");
                writer.WriteLine("return;");
            }
            writer.WriteLine(Invariant($"if (_rows.Length < (long){work} * batchSize) _rows = new {TypeNames.Numerics}.AlignedBlock(checked({work} * batchSize));"));
            writer.WriteLine("RunBatch(inputs, outputs, batchSize);");
        }
        writer.WriteLine();
        using (writer.OpenBlock($"private void RunBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize)"))
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} w = _packed.Span;");
            writer.WriteLine($"{TypeNames.Span} rows = _rows.Span;");
            writer.WriteLine(Invariant($"{TypeNames.Span} z = rows.Slice({scratchAt} * batchSize, {RoundUp16(widest)} * batchSize);"));
            var outputs = new string[stages.Count];
            foreach (InferenceStage stage in stages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string output = "y" + stage.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                outputs[stage.Index] = output;
                writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}");
                writer.WriteLine(Invariant($"{TypeNames.Span} {output} = rows.Slice({outputAt[stage.Index]} * batchSize, {stage.Stride} * batchSize);"));
                (string Rows, int Stride) Of(int source) => source < 0 ? ("inputs", spec.InputSize) : (outputs[source], stages[source].Stride);
                (string source, int sourceStride) = Of(stage.Source);
                (string? residual, int residualStride) = stage.Residual is { } r ? Of(r) : (null, 0);
                LayerEmitters.InferenceBatchOf(stage.Layer).EmitRunBatch(writer, stage, new InferenceBatchSlots(packedAt[stage.Index], output, source, sourceStride, residual, residualStride));
            }
            InferenceStage last = stages[stages.Count - 1];
            writer.WriteLine(Invariant($"for (int row = 0; row < batchSize; row++) {outputs[last.Index]}.Slice(row * {last.Stride}, OutputSize).CopyTo(outputs.Slice(row * OutputSize, OutputSize));"));
        }
    }

    /// <summary>The batch size from which the inference form's batch Forward multiplies matrices: the product's tiles are 4 rows.</summary>
    private const int InferenceBatchRows = 4;

    /// <summary>
    /// After a stateless stage's batch product: unless the activation ran on the output rows (<paramref name="fused"/>),
    /// φ from the scratch rows z (softmax row by row); then the residual's rows.
    /// </summary>
    internal static void EmitInferenceBatchTail(SourceWriter writer, InferenceStage stage, InferenceBatchSlots slots, bool fused)
    {
        int units = stage.Units, stride = stage.Stride;
        Activation activation = stage.Last.Activation;
        string type = Names.ActivationType(activation);
        if (!fused && activation == Activation.Softmax)
            writer.WriteLine(Invariant($"for (int row = 0; row < batchSize * {stride}; row += {stride}) {type}.Apply(z.Slice(row, {units}), {slots.Output}.Slice(row, {units}));"));
        else if (!fused && activation == Activation.Linear)
            writer.WriteLine(Invariant($"z.Slice(0, batchSize * {stride}).CopyTo({slots.Output});"));
        else if (!fused)
            writer.WriteLine(Invariant($"for (int i = 0; i < batchSize * {stride}; i++) {slots.Output}[i] = {type}.Apply(z[i]);"));
        if (slots.Residual is { } residual)
            writer.WriteLine(Invariant($"for (int row = 0; row < batchSize; row++) {TypeNames.TensorPrimitives}.Add({slots.Output}.Slice(row * {stride}, {units}), {residual}.Slice(row * {slots.ResidualStride}, {units}), {slots.Output}.Slice(row * {stride}, {units}));"));
    }

    /// <summary>Whether a stage applies <paramref name="activation"/> on the kernel's accumulators (an element-wise activation with vector forms).</summary>
    internal static bool FusesActivation(Activation activation) => ActivationCatalog.Of(activation).HasVectorForm;

    /// <summary>
    /// After a stateless stage's kernel: unless it applied the activation itself (<paramref name="fused"/>), a = φ(z) from
    /// the scratch z into the stage's output; then the residual. Returns the output's ref expression.
    /// </summary>
    internal static string EmitInferenceTail(SourceWriter writer, InferenceStage stage, InferenceSlots slots, bool fused)
    {
        string output = InferenceSlots.Expression("wk", slots.Output), span = InferenceSlots.SpanOf(output, stage.Units);
        if (!fused) EmitStageActivation(writer, stage.Last.Activation, stage.Units, span);
        if (slots.Residual is { } residual)
            writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({span}, {InferenceSlots.SpanOf(residual, stage.Units)}, {span});");
        return output;
    }

    internal static int RoundUp16(int count) => (count + 15) & ~15;

    /// <summary>
    /// Whether Run takes <c>last</c>: a recurrent network whose output is the last step's runs the stages after its last
    /// recurrent one (and the copy to the output) at a sequence's last step only, as the hand-written loop would.
    /// </summary>
    private static bool RunsHeadOnLastStep(NetworkSpec spec) => spec.IsRecurrent && !spec.Output.OutputsSequence;

    /// <summary>A recurrent network's calls: Step (one time step, state kept), Reset, Forward over a sequence and a batch of them.</summary>
    private static void EmitRecurrentCalls(SourceWriter writer, NetworkSpec spec)
    {
        bool sequenceOutput = spec.Output.OutputsSequence;
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// One time step of a stream: <paramref name=\"input\"/> is this step's InputSize features, <paramref name=\"output\"/>");
        writer.WriteLine(sequenceOutput
            ? "/// receives this step's OutputSize outputs (the row of this step in the network's Forward over the sequence so far)."
            : "/// receives what the network's Forward would return were the sequence to end at this step (its output is the last step's).");
        writer.WriteLine("/// The state (every recurrent layer's h, an LSTM's c) carries over to the next call; before any step, or after");
        writer.WriteLine("/// <see cref=\"Reset\"/>, it is zero, as at the start of the network's Forward. Allocates nothing.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"public void Step({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
        {
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(input.Length, InputSize, \"the input\", nameof(input));");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(output.Length, OutputSize, \"the output\", nameof(output));");
            writer.WriteLine(sequenceOutput ? "Run(input, output);" : "Run(input, output, last: true);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Sets the state to zero: the next <see cref=\"Step\"/> starts a new sequence.</summary>");
        using (writer.OpenBlock("public void Reset()"))
        {
            writer.WriteLine("_state.Span.Clear();");
            writer.WriteLine("_flip = 0;");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// One whole sequence (steps × InputSize values, step-major) from the zero state: what the network's");
        writer.WriteLine(sequenceOutput
            ? "/// <c>Forward(input, output)</c> gives, steps × OutputSize values. Leaves the state at the sequence's end (Step continues it)."
            : "/// <c>Forward(input, output)</c> gives, the last step's OutputSize values. Leaves the state at the sequence's end (Step continues it).");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
        {
            writer.WriteLine("int steps = StepsOf(input);");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(output.Length, OutputLength(steps), \"the output\", nameof(output));");
            writer.WriteLine("Sequence(input, output, steps);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary><paramref name=\"batchSize\"/> sequences of equal length, rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/>: each as the one-sequence Forward computes it (one after another; the state is left at the last one's end).</summary>");
        using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize)"))
        {
            writer.WriteLine($"int steps = {TypeNames.NetworkArguments}.SequenceSteps(inputs.Length, InputSize, batchSize, nameof(inputs));");
            writer.WriteLine("int inputLength = steps * InputSize, outputLength = OutputLength(steps);");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(outputs.Length, batchSize * outputLength, \"the outputs of the batch\", nameof(outputs));");
            writer.WriteLine("for (int sample = 0; sample < batchSize; sample++)");
            writer.WriteLine("    Sequence(inputs.Slice(sample * inputLength, inputLength), outputs.Slice(sample * outputLength, outputLength), steps);");
        }
        writer.WriteLine();
        using (writer.OpenBlock($"private void Sequence({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output, int steps)"))
        {
            writer.WriteLine("Reset();");
            writer.WriteLine(sequenceOutput
                ? "for (int t = 0; t < steps; t++) Run(input.Slice(t * InputSize, InputSize), output.Slice(t * OutputSize, OutputSize));"
                : "for (int t = 0; t < steps; t++) Run(input.Slice(t * InputSize, InputSize), output, last: t == steps - 1);");
        }
    }

    /// <summary>In Run: a stage's output = φ(z) from the scratch z (a linear φ copies), through the shared activation emitter.</summary>
    internal static void EmitStageActivation(SourceWriter writer, Activation activation, int units, string destination)
    {
        string z = Invariant($"z.Slice(0, {units})");
        if (activation == Activation.Linear) writer.WriteLine($"{z}.CopyTo({destination});");
        else if (UsesActivationKernels(units, activation) || activation == Activation.Softmax) EmitActivation(writer, activation, units, z, destination, unrolled: false);
        else
            using (writer.OpenBlock())
            {
                writer.WriteLine($"{TypeNames.Span} zu = {z}, a = {destination};");
                EmitActivation(writer, activation, units, "zu", "a", unrolled: false);
            }
    }

    private static string DescribeStage(InferenceStage stage)
    {
        LayerSpec layer = stage.Layer, last = stage.Last;
        if (stage.IsRecurrent)
            return Invariant($"{layer.PropertyName}, {layer.Descriptor.AttributeName} {stage.Inputs} -> {stage.Units}, ")
                + (layer.Descriptor.Gates > 1 ? "gates " + layer.Descriptor.GateNames : ActivationCatalog.Of(layer.Activation).Name);
        string what = stage.IsAffine ? Invariant($"{layer.PropertyName}, Dense {stage.Inputs} -> {stage.Units}") : Invariant($"{layer.PropertyName}, BatchNorm over {stage.Units} features");
        if (stage.Folded is not null) what += $" with {stage.Folded.PropertyName} (BatchNorm) folded in";
        return what + ", " + ActivationCatalog.Of(last.Activation).Name + (last.HasResidual ? ", + " + last.ResidualName : "");
    }
}
