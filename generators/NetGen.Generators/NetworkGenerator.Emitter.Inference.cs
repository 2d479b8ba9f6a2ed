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
        int packed = 0, work = 0, widest = 0;
        foreach (InferenceStage stage in stages)
        {
            packedAt[stage.Index] = packed;
            packed += stage.PackedCount;
            outputAt[stage.Index] = work;
            if (stage.Index < stages.Count - 1) work += stage.Stride; // the last stage writes the caller's output
            if (stage.Stride > widest) widest = stage.Stride;
        }
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
            writer.WriteLine();
            writer.WriteLine($"/// <summary>Packs <paramref name=\"network\"/>'s current parameters: the same as <c>network.ToInference()</c>.</summary>");
            writer.WriteLine($"public Inference({spec.ClassName} network) => Refresh(network);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Packs <paramref name=\"network\"/>'s current parameters (and running statistics) again, into the same blocks: after");
            writer.WriteLine("/// training further, or to take another instance's weights. Allocates nothing.");
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
            }
            writer.WriteLine();
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
            writer.WriteLine();
            using (writer.OpenBlock($"private void Run({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} w = _packed.Span;");
                writer.WriteLine(Invariant($"{TypeNames.Span} work = _work.Span, z = work.Slice({scratchAt}, {widest});"));
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
                    EmitStage(writer, stage, stages.Count, packedAt[stage.Index], outputAt);
                }
            }
        }
    }

    private static string DescribeStage(InferenceStage stage)
    {
        LayerSpec layer = stage.Layer, last = stage.Last;
        string what = stage.IsAffine ? Invariant($"{layer.PropertyName}, Dense {stage.Inputs} -> {stage.Units}") : Invariant($"{layer.PropertyName}, BatchNorm over {stage.Units} features");
        if (stage.Folded is not null) what += $" with {stage.Folded.PropertyName} (BatchNorm) folded in";
        return what + ", " + ActivationCatalog.Of(last.Activation).Name + (last.HasResidual ? ", + " + last.ResidualName : "");
    }

    private static string PackedLayout(InferenceStage stage, int at)
        => stage.IsAffine
            ? Invariant($"Wᵀ [{stage.Inputs}, {stage.Stride}] at {at}, b [{stage.Stride}] at {at + stage.Inputs * stage.Stride}")
            : Invariant($"scale [{stage.Stride}] at {at}, shift [{stage.Stride}] at {at + stage.Stride}");

    /// <summary>In Refresh: one stage's block from the network's parameters (and running statistics).</summary>
    private static void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
    {
        int stride = stage.Stride;
        writer.WriteLine($"// Stage {stage.Index}: {DescribeStage(stage)}");
        if (stage.IsAffine)
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
            string zs = Invariant($"z.Slice(0, {units})");
            if (direct) { }
            else if (layer.Activation == Activation.Linear)
                writer.WriteLine($"{zs}.CopyTo({destination});");
            else if (layer.Activation == Activation.Softmax)
                writer.WriteLine($"global::NetGen.Activations.Softmax.Apply({zs}, {destination});");
            else if (UsesActivationKernels(units, layer.Activation))
                writer.WriteLine($"{TypeNames.ActivationKernels}.Apply<{Names.ActivationType(layer.Activation)}>({zs}, {destination});");
            else
            {
                if (!last) writer.WriteLine($"{TypeNames.Span} a = {destination};");
                writer.WriteLine(Invariant($"for (int i = 0; i < {units}; i++) {(last ? "output" : "a")}[i] = {Names.ActivationType(layer.Activation)}.Apply(z[i]);"));
            }
            if (stage.Residual is { } residual)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({destination}, {Output(residual, units)}, {destination});");
        }
    }
}
