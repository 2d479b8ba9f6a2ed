using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Backward: the loss and its gradient at the output, then each layer in reverse order turns dL/da into
    /// δ = dL/dz, accumulates its parameter gradients, and adds Wᵀ·δ (and, through a residual, dL/da itself)
    /// to the gradients of the layers it read. Reverse order guarantees a layer's dL/da is complete
    /// before it is used, because everything that reads a layer comes after it.
    /// </summary>
    internal static void EmitBackward(SourceWriter writer, NetworkSpec spec)
    {
        LayerSpec output = spec.Output;
        writer.WriteLine();
        writer.WriteLine(spec.IsRecurrent
            ? "/// <summary>After Forward: backpropagation through time; adds dLoss/dParameters to <see cref=\"Gradients\"/> and returns the loss (the mean over steps for a target per step).</summary>"
            : "/// <summary>After Forward: adds dLoss/dParameters to <see cref=\"Gradients\"/> and returns the loss.</summary>");
        writer.WriteLine($"public float Backward({TypeNames.ReadOnlySpan} target) => Backward<{TypeNames.Numerics}.BackwardModes.Accumulate>(target, default);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Backward adding to the gradients, or (TrainStep) overwriting them: each layer then starts its own gradients from zero, so no ZeroGradients pass is needed.");
        writer.WriteLine("/// A mode that updates (plain SGD) also applies W = decay·W + update·∇W to each layer once its gradient is final: the layers below never read");
        writer.WriteLine("/// its weights, so this equals the optimizer's step afterwards, without a second pass over every parameter. The mode is a type");
        writer.WriteLine("/// argument, so each one compiles to its own code.");
        writer.WriteLine("/// </summary>");
        string mode = Names.ModeParameter(spec);
        using (writer.OpenBlock($"private float Backward<{mode}>({TypeNames.ReadOnlySpan} target, {TypeNames.Numerics}.FusedStep step) where {mode} : struct, {TypeNames.Numerics}.IBackwardMode"))
        {
            writer.WriteLine("float update = step.Update;");
            writer.WriteLine($"if (!_hasForward) throw new {TypeNames.InvalidOperationException}(\"Backward needs a Forward first: it differentiates the last sample run forward.\");");
            writer.WriteLine(spec.IsRecurrent
                ? $"{TypeNames.NetworkArguments}.CheckLength(target.Length, OutputLength(_steps), \"the target\", nameof(target));"
                : $"{TypeNames.NetworkArguments}.CheckLength(target.Length, OutputSize, \"the target\", nameof(target));");
            writer.WriteLine($"{TypeNames.Span} p = _parameters.Span, g = _gradients.Span;");
            foreach (LayerSpec layer in spec.Layers)
                if (layer.Kind != LayerKind.Input && (layer.Index != output.Index || output.RunsPerStep && !output.OutputsSequence)
                    && (layer.Index == output.Index || DeltaWrittenBy(spec, spec.Layers[layer.Index + 1]) != layer))
                    writer.WriteLine(layer.RunsPerStep
                        ? Invariant($"global::System.Array.Clear({Names.OutputGradient(layer.Index)}, 0, _steps * {layer.OutputSize});")
                        : $"{Names.Span(Names.OutputGradient(layer.Index), layer.OutputSize, null)}.Clear();");
            EmitLoss(writer, spec);
            for (int index = spec.Layers.Count - 1; index >= 1; index--)
                Layers.LayerEmitters.Of(spec.Layers[index]).EmitBackward(writer, spec, spec.Layers[index]);
            writer.WriteLine("return loss;");
        }
    }

    /// <summary>Whether some layer's residual reads layer <paramref name="index"/>, so that its gradient has more than one contribution.</summary>
    internal static bool ReceivesResidualGradient(NetworkSpec spec, int index)
    {
        foreach (LayerSpec layer in spec.Layers)
            if (layer.ResidualIndex == index) return true;
        return false;
    }

    /// <summary>
    /// The previous layer, when <paramref name="layer"/>'s backward kernel writes that layer's δ = (Wᵀ·δ) ⊙ φ′(z) directly
    /// (the kernel's epilogue applies φ′): both dense and once per sample, the previous one with a vector φ′, and its
    /// gradient from this layer alone (no residual adds to it, and it has no residual whose path needs dL/da). Else null.
    /// </summary>
    internal static LayerSpec? DeltaWrittenBy(NetworkSpec spec, LayerSpec layer)
    {
        if (layer.Kind != LayerKind.Dense || layer.RunsPerStep || Names.IsUnrolled(layer.WeightCount)) return null;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool fits = previous.Kind == LayerKind.Dense && !previous.RunsPerStep && !previous.HasResidual
            && ActivationCatalog.Of(previous.Activation).HasVectorForm && !ReceivesResidualGradient(spec, previous.Index);
        return fits ? previous : null;
    }

    /// <summary>
    /// In Backward, after a layer's block: the fused SGD step of its parameters, whose gradients are now final (with
    /// <paramref name="afterWeights"/>, only the tensors after its weights, which its kernel stepped itself): one sweep per
    /// run of tensors that weight decay treats alike.
    /// </summary>
    internal static void EmitFusedUpdate(SourceWriter writer, NetworkSpec spec, LayerSpec layer, bool afterWeights = false)
        => EmitFusedStep(writer, $"{Names.ModeParameter(spec)}.Updates", layer, afterWeights);

    /// <summary>The same in BackwardBatch, where a non-zero update says that SGD is fused.</summary>
    internal static void EmitFusedUpdateBatch(SourceWriter writer, LayerSpec layer, bool afterWeights = false)
        => EmitFusedStep(writer, "update != 0f", layer, afterWeights);

    private static void EmitFusedStep(SourceWriter writer, string condition, LayerSpec layer, bool afterWeights)
    {
        var runs = new System.Collections.Generic.List<(int Start, int Count, string Decay)>();
        int offset = layer.ParameterOffset;
        foreach (TensorShape tensor in layer.Descriptor.Tensors(layer.Dimensions))
        {
            int count = (int)tensor.Count;
            string decay = DecayOf(layer, tensor);
            int last = runs.Count - 1;
            if (afterWeights && tensor.IsWeight || count == 0) { }
            else if (last >= 0 && runs[last].Decay == decay && runs[last].Start + runs[last].Count == offset) runs[last] = (runs[last].Start, runs[last].Count + count, decay);
            else runs.Add((offset, count, decay));
            offset += count;
        }
        foreach ((int start, int count, string decay) in runs)
            writer.WriteLine(Invariant($"if ({condition}) {TypeNames.Numerics}.Kernels.MultiplyAdd(p.Slice({start}, {count}), g.Slice({start}, {count}), update, {decay});"));
    }

    /// <summary>The fused step's factor on a layer's first tensor, its weights (a kernel that steps them itself takes it).</summary>
    internal static string WeightDecayOf(LayerSpec layer) => DecayOf(layer, layer.Descriptor.Tensors(layer.Dimensions)[0]);

    /// <summary>The fused step's factor on <paramref name="tensor"/> before its update: weight decay's on the weights it applies to, the other one elsewhere.</summary>
    internal static string DecayOf(LayerSpec layer, TensorShape tensor) => layer.Descriptor.Decays(tensor) ? "step.WeightDecay" : "step.OtherDecay";

    /// <summary>
    /// The loss and dL/da of the output (dL/dz for the fused cross-entropies). With a target per step, each
    /// step's loss and gradient are computed on its own slice and averaged over the steps.
    /// </summary>
    internal static void EmitLoss(SourceWriter writer, NetworkSpec spec)
    {
        LayerSpec output = spec.Output;
        int width = output.OutputSize;
        string? step = output.RunsPerStep ? (output.OutputsSequence ? "t" : "(_steps - 1)") : null;
        string a = Names.Span(Names.Output(output.Index), width, step, readOnly: true);
        // A pooling output keeps no z: its output is its pre-activation (it has no activation).
        string z = output.Descriptor.HasPreActivation ? Names.Span(Names.PreActivation(output.Index), width, step, readOnly: true) : a;
        string da = Names.Span(Names.OutputGradient(output.Index), width, step);
        string target = step == "t" ? Invariant($"target.Slice(t * {width}, {width})") : "target";
        LossInfo loss = LossCatalog.Of(spec.Loss);
        string comment = loss.Description, call = loss.Call(z, a, target, da);
        writer.WriteLine("// Loss: " + comment + (step == "t" ? ", averaged over the steps." : "."));
        if (step != "t")
        {
            writer.WriteLine($"float loss = {call};");
            return;
        }
        writer.WriteLine("float loss = 0f;");
        writer.WriteLine($"for (int t = 0; t < _steps; t++) loss += {call};");
        writer.WriteLine("float inverseSteps = 1f / _steps;");
        writer.WriteLine(Invariant($"{TypeNames.TensorPrimitives}.Multiply(new {TypeNames.ReadOnlySpan}({Names.OutputGradient(output.Index)}, 0, _steps * {width}), inverseSteps, new {TypeNames.Span}({Names.OutputGradient(output.Index)}, 0, _steps * {width}));"));
        writer.WriteLine("loss *= inverseSteps;");
    }
}
