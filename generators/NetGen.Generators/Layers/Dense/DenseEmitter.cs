using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>A dense layer (torch.nn.Linear): z = W·x + b, a = φ(z) (+ a residual), once per sample or per step.</summary>
internal sealed partial class DenseEmitter : ILayerEmitter
{
    public void AddBuffers(LayerSpec layer, List<Buffer> buffers) { }

    /// <summary>W from stream <c>layer.Index</c> of the seed with the layer's init; the bias stays zero.</summary>
    public void EmitInitialisation(SourceWriter writer, LayerSpec layer)
    {
        writer.WriteLine(Invariant($"// {layer.PropertyName}: {Names.InitDescription(layer.Init)} weights [{layer.OutputSize}, {layer.InputSize}] from stream {layer.Index} of the seed; zero bias."));
        EmitFill(writer, layer.ParameterOffset, layer.Init, layer.InputSize, layer.OutputSize, Invariant($"{layer.Index}"));
    }

    /// <summary>A dense layer's forward block: z = W·x + b, h = φ(z), a = h (+ the residual); once per step when the layer runs per step.</summary>
    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        string? step = Names.OwnStep(layer);
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: z = W·x + b, W = p[{layer.ParameterOffset}..{layer.BiasOffset}) as [{units}, {inputs}], b = p[{layer.BiasOffset}..{layer.BiasOffset + units})"));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units});"));
            using (StepLoop(writer, layer))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, Names.InputStep(layer, previous), readOnly: true)};");
                string buffers = $"z = {Names.Span(Names.PreActivation(layer.Index), units, step)}, h = {Names.Span(Names.Activated(layer), units, step)}";
                if (layer.HasResidual) buffers += $", a = {Names.Span(Names.Output(layer.Index), units, step)}";
                writer.WriteLine($"{TypeNames.Span} {buffers};");
                if (layer.HasResidual)
                    writer.WriteLine($"{TypeNames.ReadOnlySpan} r = {Names.Span(Names.Output(layer.ResidualIndex), units, step, readOnly: true)};");

                bool unrolled = Names.IsUnrolled(layer.WeightCount);
                bool activated = EmitMatrixVector(writer, "z", "h", layer.Activation, units, ["b"], [new MatrixTerm("w", "x", inputs)]);
                if (layer.Activation == Activation.Softmax)
                    writer.WriteLine("global::NetGen.Activations.Softmax.Apply(z, h);");
                else if (!activated)
                    EmitActivation(writer, layer, unrolled);
                if (layer.HasResidual)
                    EmitElementwise(writer, units, unrolled, i => $"a[{i}] = h[{i}] + r[{i}];");
            }
        }
    }

    /// <summary>
    /// A dense layer's backward block: δ = dL/da ⊙ φ′(z) in place; ∇W += δ·xᵀ; ∇b += δ; dL/dx += Wᵀ·δ; and through
    /// a residual, the source receives dL/da unchanged.
    /// </summary>
    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        bool fusedWithLoss = layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        string? step = Names.OwnStep(layer), inputStep = Names.InputStep(layer, previous);
        bool unrolled = Names.IsUnrolled(layer.WeightCount);
        bool propagatesToInput = previous.Kind != LayerKind.Input;
        bool derivativeApplied = spec.Layers.Count > layer.Index + 1 && DeltaWrittenBy(spec, spec.Layers[layer.Index + 1]) == layer;
        bool needsDerivative = !fusedWithLoss && !derivativeApplied && layer.Activation != Activation.Linear;
        LayerSpec? writesDeltaOf = DeltaWrittenBy(spec, layer);
        // The comment says what this block really computes: where δ comes from, and what it writes below.
        string delta = fusedWithLoss ? "δ = the loss's fused gradient" : derivativeApplied ? "δ as written by the layer above (φ′ applied)" : layer.Activation == Activation.Linear ? "δ = dL/da" : "δ = dL/da ⊙ φ′(z)";
        string below = writesDeltaOf is not null ? Invariant($"; δ{writesDeltaOf.Index} = (Wᵀ·δ) ⊙ {ActivationCatalog.Of(writesDeltaOf.Activation).Name}′(z{writesDeltaOf.Index}), written for {writesDeltaOf.PropertyName}") : propagatesToInput ? "; dL/dx += Wᵀ·δ" : "";
        writer.WriteLine($"// {Names.Describe(layer)}: {delta}; ∇W += δ·xᵀ; ∇b += δ{below}");
        using (writer.OpenBlock())
        {
            // The kernel overwrites on request and applies the fused update to W in its sweep; everything else accumulates,
            // from zero when not asked to accumulate, and is updated after the block.
            bool overwrites = !unrolled && !layer.RunsPerStep;
            if (overwrites || propagatesToInput) writer.WriteLine(Invariant($"{TypeNames.Span} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {units});"));
            if (!overwrites) EmitClearUnlessAccumulating(writer, spec, "gw", "gb");
            using (StepLoop(writer, layer))
            {
                string inputs0 = $"x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, inputStep, readOnly: true)}";
                if (needsDerivative)
                    inputs0 += $", z = {Names.Span(Names.PreActivation(layer.Index), units, step, readOnly: true)}, h = {Names.Span(Names.Activated(layer), units, step, readOnly: true)}";
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {inputs0};");
                writer.WriteLine($"{TypeNames.Span} d = {Names.Span(Names.OutputGradient(layer.Index), units, step)};");

                if (layer.HasResidual && layer.ResidualIndex > 0)
                {
                    writer.WriteLine(Invariant($"// The residual's identity path: {layer.ResidualName} receives dL/da unchanged."));
                    writer.WriteLine($"{TypeNames.Span} dr = {Names.Span(Names.OutputGradient(layer.ResidualIndex), units, step)};");
                    EmitElementwise(writer, units, unrolled, i => $"dr[{i}] += d[{i}];");
                }
                if (fusedWithLoss)
                    writer.WriteLine("// d already holds δ: the loss wrote its fused gradient.");
                else if (derivativeApplied && layer.Activation != Activation.Linear)
                    writer.WriteLine("// d already holds δ: the layer above applied φ′ as it wrote it.");
                else if (needsDerivative && UsesActivationKernels(layer))
                    writer.WriteLine($"{TypeNames.ActivationKernels}.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>(z, h, d);");
                else if (needsDerivative)
                    EmitElementwise(writer, units, unrolled, i => $"d[{i}] *= {Names.ActivationType(layer.Activation)}.Derivative(z[{i}], h[{i}]);");

                if (propagatesToInput)
                    writer.WriteLine($"{TypeNames.Span} dx = {Names.Span(Names.OutputGradient(previous.Index), previous.OutputSize, inputStep)};");
                string inputGradient = propagatesToInput ? "dx" : $"{TypeNames.Span}.Empty";
                if (writesDeltaOf is not null)
                    writer.WriteLine($"{TypeNames.Numerics}.AffineKernels.DenseBackward<{Names.ModeParameter(spec)}, {Names.ActivationType(writesDeltaOf.Activation)}>(w, x, d, gw, gb, dx, {Names.Span(Names.PreActivation(writesDeltaOf.Index), writesDeltaOf.OutputSize, null, readOnly: true)}, update, {WeightDecayOf(layer)}); // writes {writesDeltaOf.PropertyName}'s δ, φ′ applied");
                else if (overwrites)
                    writer.WriteLine($"{TypeNames.Numerics}.AffineKernels.DenseBackward<{Names.ModeParameter(spec)}>(w, x, d, gw, gb, {inputGradient}, update, {WeightDecayOf(layer)});");
                else if (!unrolled)
                    writer.WriteLine($"{TypeNames.Numerics}.AffineKernels.DenseBackward<{TypeNames.Numerics}.BackwardModes.Accumulate>({(propagatesToInput ? "w" : TypeNames.Span + ".Empty")}, x, d, gw, gb, {inputGradient}, 0f);");
                else
                {
                    EmitElementwise(writer, units, unrolled, i => $"gb[{i}] += d[{i}];");
                    EmitOuterProductAccumulate(writer, "gw", "d", "x", units, inputs);
                    if (propagatesToInput) EmitTransposedAccumulate(writer, "dx", "w", "d", units, inputs);
                }
            }
            EmitFusedUpdate(writer, spec, layer, afterWeights: overwrites); // the kernel that overwrites steps W itself
        }
    }
}
