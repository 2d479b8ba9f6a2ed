using System.Collections.Generic;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    private const string InferenceKernels = TypeNames.Numerics + ".InferenceKernels";

    /// <summary>
    /// ToInference and the nested Inference class, for the networks <see cref="InferencePlan"/> accepts: a snapshot of the
    /// network in evaluation mode with each stage's weights packed for the broadcast kernel (Wᵀ <c>[in, stride]</c>,
    /// a batch normalisation folded into the dense layer before it, dropout gone), its own workspace, Forward
    /// (one sample and a batch) and Refresh.
    /// </summary>
    internal static void EmitInference(SourceWriter writer, NetworkSpec spec, IReadOnlyList<InferenceStage> stages, CancellationToken cancellationToken)
    {
        // Where each stage's packed block and output buffer start: multiples of 16 floats, so 64-byte aligned.
        var packedAt = new int[stages.Count];
        var outputAt = new int[stages.Count];
        var cellAt = new int[stages.Count];  // a gated stage's scratch in _work: its activated gates, (LSTM) c_t and tanh c_t
        var stateAt = new int[stages.Count]; // a recurrent stage's state in _state: [x_t; h_{t−1}], then (LSTM) c_{t−1}
        int packed = 0, work = 0, widest = 0, state = 0;
        foreach (InferenceStage stage in stages)
        {
            packedAt[stage.Index] = packed;
            packed += stage.PackedCount;
            outputAt[stage.Index] = work;
            if (stage.Index < stages.Count - 1) work += stage.OutputStride; // the last stage writes the caller's output
            if (stage.Stride > widest) widest = stage.Stride;
        }
        foreach (InferenceStage stage in stages)
        {
            if (!stage.IsRecurrent) continue;
            stateAt[stage.Index] = state;
            state += RoundUp16(stage.Rows) + (stage.Layer.Kind == LayerKind.Lstm ? stage.OutputStride : 0);
            if (stage.Layer.Kind == LayerKind.Recurrent) continue;
            cellAt[stage.Index] = work;
            work += RoundUp16(stage.Layer.Rows) + (stage.Layer.Kind == LayerKind.Lstm ? 2 * stage.OutputStride : 0);
        }
        bool recurrent = state > 0;
        int scratchAt = work; // z of the stage running, and a folded normalisation's scale and shift while packing
        work += 2 * widest;
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
                writer.WriteLine(Invariant($"//   stage {stage.Index}: {DescribeStage(stage)}, {PackedLayout(stage, packedAt[stage.Index])}"));
            writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _packed = new({packed});"));
            writer.WriteLine(Invariant($"// Workspace: each stage's output but the last's (which goes to the caller's span), then twice the widest stride: z while running, a folded normalisation's scale and shift while packing."));
            writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _work = new({work});"));
            if (recurrent)
            {
                writer.WriteLine(Invariant($"// State, {state} floats: per recurrent stage [x_t; h_{{t−1}}] (the packed product's input, h its state) and an LSTM's c_{{t−1}}; zero after Reset."));
                writer.WriteLine(Invariant($"private readonly {TypeNames.Numerics}.AlignedBlock _state = new({state});"));
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
                    EmitPacking(writer, stage, packedAt[stage.Index]);
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
                writer.WriteLine("/// <summary><paramref name=\"batchSize\"/> samples, rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/>: each row as the one-sample Forward computes it.</summary>");
                using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize)"))
                {
                    writer.WriteLine($"{TypeNames.NetworkArguments}.CheckBatch(batchSize, inputs.Length, InputSize, outputs.Length, OutputSize, nameof(outputs));");
                    writer.WriteLine("for (int sample = 0; sample < batchSize; sample++)");
                    writer.WriteLine("    Run(inputs.Slice(sample * InputSize, InputSize), outputs.Slice(sample * OutputSize, OutputSize));");
                }
            }
            writer.WriteLine();
            using (writer.OpenBlock($"private void Run({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} w = _packed.Span;");
                writer.WriteLine(Invariant($"{TypeNames.Span} work = _work.Span, z = work.Slice({scratchAt}, {widest});"));
                if (recurrent) writer.WriteLine($"{TypeNames.Span} state = _state.Span;");
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
                    if (stage.IsRecurrent) EmitRecurrentStage(writer, stage, stages.Count, packedAt[stage.Index], outputAt, cellAt[stage.Index], stateAt[stage.Index], scratchAt);
                    else EmitStage(writer, stage, stages.Count, packedAt[stage.Index], outputAt);
                }
            }
        }
    }

    private static int RoundUp16(int count) => (count + 15) & ~15;

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
            writer.WriteLine("Run(input, output);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Sets the state to zero: the next <see cref=\"Step\"/> starts a new sequence.</summary>");
        writer.WriteLine("public void Reset() => _state.Span.Clear();");
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
                : "for (int t = 0; t < steps; t++) Run(input.Slice(t * InputSize, InputSize), output); // the last step's output stays");
        }
    }

    /// <summary>
    /// In Run: one recurrent stage. [x_t; h_{t−1}] (h_{t−1} kept in place in the state) times the packed Wᵀ plus b gives
    /// every gate's pre-activation in one broadcast product; the kind's cell (the same kernels as the network's Forward)
    /// makes h_t, which is the stage's output and, copied back, the next step's h_{t−1}.
    /// </summary>
    private static void EmitRecurrentStage(SourceWriter writer, InferenceStage stage, int stageCount, int at, int[] outputAt, int cellAt, int stateAt, int scratchAt)
    {
        LayerSpec layer = stage.Layer;
        int units = stage.Units, inputs = stage.Inputs, stride = stage.Stride, rows = stage.Rows;
        bool last = stage.Index == stageCount - 1;
        string source = stage.Source < 0 ? "input" : Invariant($"work.Slice({outputAt[stage.Source]}, {inputs})");
        string destination = last ? "output" : Invariant($"work.Slice({outputAt[stage.Index]}, {units})");
        writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}: z = Wᵀ·[x_t; h_{{t−1}}] + b, then the cell; h_t kept as the next step's h_{{t−1}}");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.Span} xh = state.Slice({stateAt}, {rows}), zs = z.Slice(0, {stride});"));
            writer.WriteLine(Invariant($"{source}.CopyTo(xh);"));
            writer.WriteLine(Invariant($"{InferenceKernels}.Affine(w.Slice({at}, {rows * stride}), w.Slice({at + rows * stride}, {stride}), xh, zs);"));
            switch (layer.Kind)
            {
                case LayerKind.Lstm:
                {
                    int cellState = stateAt + RoundUp16(rows), gates = cellAt, cell = cellAt + RoundUp16(layer.Rows), cellTanh = cell + stage.OutputStride;
                    writer.WriteLine(Invariant($"{TypeNames.Span} c = state.Slice({cellState}, {units}), cNext = work.Slice({cell}, {units});"));
                    writer.WriteLine(Invariant($"{TypeNames.Numerics}.RecurrentKernels.LstmCell(zs.Slice(0, {4 * units}), c, work.Slice({gates}, {4 * units}), cNext, work.Slice({cellTanh}, {units}), {destination});"));
                    writer.WriteLine("cNext.CopyTo(c);");
                    break;
                }
                case LayerKind.Gru:
                    writer.WriteLine(Invariant($"{TypeNames.Numerics}.GruKernels.GruCell(zs.Slice(0, {2 * units}), zs.Slice({2 * units}, {units}), zs.Slice({3 * units}, {units}), xh.Slice({inputs}, {units}), work.Slice({cellAt}, {3 * units}), {destination});"));
                    break;
                default: // Elman: h = φ(z)
                    EmitStageActivation(writer, layer.Activation, units, destination);
                    break;
            }
            writer.WriteLine(Invariant($"{(last ? "output" : destination)}.CopyTo(xh.Slice({inputs}, {units}));"));
        }
    }

    /// <summary>In Run: a stage's output = φ(z) from the scratch z (a linear φ copies), through the shared activation emitter.</summary>
    private static void EmitStageActivation(SourceWriter writer, Activation activation, int units, string destination)
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
        {
            string columns = stage.IsGru ? "r, z, n of x, n of h" : layer.Kind == LayerKind.Lstm ? "i, f, g, o" : "h, " + ActivationCatalog.Of(layer.Activation).Name;
            return Invariant($"{layer.PropertyName}, {layer.Descriptor.AttributeName} {stage.Inputs} -> {stage.Units}, gate columns {columns}");
        }
        string what = stage.IsAffine ? Invariant($"{layer.PropertyName}, Dense {stage.Inputs} -> {stage.Units}") : Invariant($"{layer.PropertyName}, BatchNorm over {stage.Units} features");
        if (stage.Folded is not null) what += $" with {stage.Folded.PropertyName} (BatchNorm) folded in";
        return what + ", " + ActivationCatalog.Of(last.Activation).Name + (last.HasResidual ? ", + " + last.ResidualName : "");
    }

    private static string PackedLayout(InferenceStage stage, int at)
        => stage.IsRecurrent
            ? Invariant($"Wᵀ [{stage.Rows}, {stage.Stride}] (x rows then h rows) at {at}, b [{stage.Stride}] at {at + stage.Rows * stage.Stride}")
            : stage.IsAffine
            ? Invariant($"Wᵀ [{stage.Inputs}, {stage.Stride}] at {at}, b [{stage.Stride}] at {at + stage.Inputs * stage.Stride}")
            : Invariant($"scale [{stage.Stride}] at {at}, shift [{stage.Stride}] at {at + stage.Stride}");

    /// <summary>In Refresh: one stage's block from the network's parameters (and running statistics).</summary>
    private static void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
    {
        int stride = stage.Stride;
        writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}");
        if (stage.IsRecurrent)
        {
            LayerSpec layer = stage.Layer;
            int rows = layer.Rows, units = stage.Units;
            writer.WriteLine(Invariant($"{InferenceKernels}.PackRecurrent(p.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), p.Slice({layer.RecurrentWeightOffset}, {rows * units}), p.Slice({layer.TensorOffset("bias_ih")}, {rows}), p.Slice({layer.TensorOffset("bias_hh")}, {rows}), {units}, {(stage.IsGru ? "true" : "false")}, w.Slice({at}, {stage.Rows * stride}), w.Slice({at + stage.Rows * stride}, {stride}));"));
        }
        else if (stage.IsAffine)
        {
            LayerSpec layer = stage.Layer;
            int weights = at, bias = at + stage.Inputs * stride;
            writer.WriteLine(Invariant($"{InferenceKernels}.PackDense(p.Slice({layer.ParameterOffset}, {layer.WeightCount}), p.Slice({layer.BiasOffset}, {layer.OutputSize}), w.Slice({weights}, {stage.Inputs * stride}), w.Slice({bias}, {stride}));"));
            if (stage.Folded is { } norm)
            {
                writer.WriteLine(Invariant($"// z = (W·x + b)·s + t, s = γ/√(running var + ε), t = β − running mean·s: Wᵀ's columns times s, b·s + t."));
                EmitPackBatchNorm(writer, norm, Invariant($"scale.Slice(0, {stride})"), Invariant($"shift.Slice(0, {stride})"));
                writer.WriteLine(Invariant($"{InferenceKernels}.Fold(w.Slice({weights}, {stage.Inputs * stride}), w.Slice({bias}, {stride}), scale.Slice(0, {norm.Channels}), shift.Slice(0, {norm.Channels}));"));
            }
        }
        else
            EmitPackBatchNorm(writer, stage.Layer, Invariant($"w.Slice({at}, {stride})"), Invariant($"w.Slice({at + stride}, {stride})"));
    }

    private static void EmitPackBatchNorm(SourceWriter writer, LayerSpec norm, string scale, string shift)
        => writer.WriteLine(Invariant($"{InferenceKernels}.PackBatchNorm(p.Slice({norm.TensorOffset("weight")}, {norm.Channels}), p.Slice({norm.TensorOffset("bias")}, {norm.Channels}), s.Slice({norm.BufferTensorOffset("running_mean")}, {norm.Channels}), s.Slice({norm.BufferTensorOffset("running_var")}, {norm.Channels}), {scale}, {shift});"));

    /// <summary>In Run: one stage, z from its source, then the activation (and residual) into its output.</summary>
    private static void EmitStage(SourceWriter writer, InferenceStage stage, int stageCount, int at, int[] outputAt)
    {
        int units = stage.Units, stride = stage.Stride;
        bool last = stage.Index == stageCount - 1;
        LayerSpec layer = stage.Last;
        string Output(int source, int width) => source < 0 ? "input" : Invariant($"work.Slice({outputAt[source]}, {width})");
        string formula = stage.IsAffine ? (stage.Folded is null ? "z = W·x + b" : "z = W′·x + b′ (the normalisation folded in)") : "z = x·s + t (running statistics)";
        writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}: {formula}, a = " + (layer.Activation == Activation.Linear ? "z" : "φ(z)") + (layer.HasResidual ? " + r" : ""));
        using (writer.OpenBlock())
        {
            string destination = last ? "output" : Invariant($"work.Slice({outputAt[stage.Index]}, {units})");
            bool direct = !last && layer.Activation == Activation.Linear; // the kernel writes the stage's output itself
            string target = direct ? Invariant($"work.Slice({outputAt[stage.Index]}, {stride})") : Invariant($"z.Slice(0, {stride})");
            if (stage.IsAffine)
                writer.WriteLine(Invariant($"{InferenceKernels}.Affine(w.Slice({at}, {stage.Inputs * stride}), w.Slice({at + stage.Inputs * stride}, {stride}), {Output(stage.Source, stage.Inputs)}, {target});"));
            else
                writer.WriteLine(Invariant($"{InferenceKernels}.ScaleShift({Output(stage.Source, stage.Inputs)}, w.Slice({at}, {units}), w.Slice({at + stride}, {units}), {target});"));
            if (!direct) EmitStageActivation(writer, layer.Activation, units, destination);
            if (stage.Residual is { } residual)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({destination}, {Output(residual, units)}, {destination});");
        }
    }
}
