using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>A dense layer's forward block: z = W·x + b, h = φ(z), a = h (+ the residual); once per step when the layer runs per step.</summary>
    private static void EmitDenseForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        string? step = Names.OwnStep(layer);
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: z = W·x + b, W = p[{layer.ParameterOffset}..{layer.BiasOffset}) as [{units}, {inputs}], b = p[{layer.BiasOffset}..{layer.BiasOffset + units})"));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"global::System.ReadOnlySpan<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units});"));
            using (StepLoop(writer, layer))
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, Names.InputStep(layer, previous), readOnly: true)};");
                string buffers = $"z = {Names.Span(Names.PreActivation(layer.Index), units, step)}, h = {Names.Span(Names.Activated(layer), units, step)}";
                if (layer.HasResidual) buffers += $", a = {Names.Span(Names.Output(layer.Index), units, step)}";
                writer.WriteLine($"global::System.Span<float> {buffers};");
                if (layer.HasResidual)
                    writer.WriteLine($"global::System.ReadOnlySpan<float> r = {Names.Span(Names.Output(layer.ResidualIndex), units, step, readOnly: true)};");

                bool unrolled = Names.IsUnrolled(layer.WeightCount);
                bool activated = EmitMatrixVector(writer, "z", "h", layer.Activation, units, ["b"], [new MatrixTerm("w", "x", inputs)]);
                if (layer.Activation == ActivationKind.Softmax)
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
    private static void EmitDenseBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer, bool fusedWithLoss)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        string? step = Names.OwnStep(layer), inputStep = Names.InputStep(layer, previous);
        bool unrolled = Names.IsUnrolled(layer.WeightCount);
        bool propagatesToInput = previous.Kind != LayerKind.Input;
        bool derivativeApplied = spec.Layers.Count > layer.Index + 1 && DeltaWrittenBy(spec, spec.Layers[layer.Index + 1]) == layer;
        bool needsDerivative = !fusedWithLoss && !derivativeApplied && layer.Activation != ActivationKind.Linear;
        LayerSpec? writesDeltaOf = DeltaWrittenBy(spec, layer);
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: δ = dL/da ⊙ φ′(z); ∇W += δ·xᵀ; ∇b += δ") + (propagatesToInput ? "; dL/dx += Wᵀ·δ" : ""));
        using (writer.OpenBlock())
        {
            // The kernel overwrites on request and applies the fused update to W in its sweep; everything else accumulates,
            // from zero when not asked to accumulate, and is updated after the block.
            bool overwrites = !unrolled && !layer.RunsPerStep;
            if (overwrites || propagatesToInput) writer.WriteLine(Invariant($"global::System.Span<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount});"));
            writer.WriteLine(Invariant($"global::System.Span<float> gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {units});"));
            if (!overwrites) EmitClearUnlessAccumulating(writer, spec, "gw", "gb");
            using (StepLoop(writer, layer))
            {
                string inputs0 = $"x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, inputStep, readOnly: true)}";
                if (needsDerivative)
                    inputs0 += $", z = {Names.Span(Names.PreActivation(layer.Index), units, step, readOnly: true)}, h = {Names.Span(Names.Activated(layer), units, step, readOnly: true)}";
                writer.WriteLine($"global::System.ReadOnlySpan<float> {inputs0};");
                writer.WriteLine($"global::System.Span<float> d = {Names.Span(Names.OutputGradient(layer.Index), units, step)};");

                if (layer.HasResidual && layer.ResidualIndex > 0)
                {
                    writer.WriteLine(Invariant($"// The residual's identity path: {layer.ResidualName} receives dL/da unchanged."));
                    writer.WriteLine($"global::System.Span<float> dr = {Names.Span(Names.OutputGradient(layer.ResidualIndex), units, step)};");
                    EmitElementwise(writer, units, unrolled, i => $"dr[{i}] += d[{i}];");
                }
                if (fusedWithLoss)
                    writer.WriteLine("// d already holds δ: the loss wrote its fused gradient.");
                else if (derivativeApplied && layer.Activation != ActivationKind.Linear)
                    writer.WriteLine("// d already holds δ: the layer above applied φ′ as it wrote it.");
                else if (needsDerivative && UsesActivationKernels(layer))
                    writer.WriteLine($"global::NetGen.Activations.ActivationKernels.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>(z, h, d);");
                else if (needsDerivative)
                    EmitElementwise(writer, units, unrolled, i => $"d[{i}] *= {Names.ActivationType(layer.Activation)}.Derivative(z[{i}], h[{i}]);");

                if (propagatesToInput)
                    writer.WriteLine($"global::System.Span<float> dx = {Names.Span(Names.OutputGradient(previous.Index), previous.OutputSize, inputStep)};");
                string inputGradient = propagatesToInput ? "dx" : "global::System.Span<float>.Empty";
                if (writesDeltaOf is not null)
                    writer.WriteLine($"global::NetGen.Numerics.AffineKernels.DenseBackward<{Names.ModeParameter(spec)}, {Names.ActivationType(writesDeltaOf.Activation)}>(w, x, d, gw, gb, dx, {Names.Span(Names.PreActivation(writesDeltaOf.Index), writesDeltaOf.OutputSize, null, readOnly: true)}, update); // writes {writesDeltaOf.PropertyName}'s δ, φ′ applied");
                else if (overwrites)
                    writer.WriteLine($"global::NetGen.Numerics.AffineKernels.DenseBackward<{Names.ModeParameter(spec)}>(w, x, d, gw, gb, {inputGradient}, update);");
                else if (!unrolled)
                    writer.WriteLine($"global::NetGen.Numerics.AffineKernels.DenseBackward<global::NetGen.Numerics.BackwardModes.Accumulate>({(propagatesToInput ? "w" : "global::System.Span<float>.Empty")}, x, d, gw, gb, {inputGradient}, 0f);");
                else
                {
                    EmitElementwise(writer, units, unrolled, i => $"gb[{i}] += d[{i}];");
                    EmitOuterProductAccumulate(writer, "gw", "d", "x", units, inputs);
                    if (propagatesToInput) EmitTransposedAccumulate(writer, "dx", "w", "d", units, inputs);
                }
            }
            if (overwrites) EmitFusedUpdate(writer, spec, layer.BiasOffset, units);
            else EmitFusedUpdate(writer, spec, layer.ParameterOffset, layer.ParameterCount);
        }
    }

    /// <summary>In Backward: a layer's gradient slices start from zero when the call does not accumulate (TrainStep).</summary>
    private static void EmitClearUnlessAccumulating(SourceWriter writer, NetworkSpec spec, params string[] gradients)
        => writer.WriteLine($"if (!{Names.ModeParameter(spec)}.Accumulates) {{ " + string.Join(" ", System.Array.ConvertAll(gradients, name => name + ".Clear();")) + " }");

    /// <summary>h = φ(z) for a layer whose matrix-vector product left φ to its caller.</summary>
    private static void EmitActivation(SourceWriter writer, LayerSpec layer, bool unrolled)
    {
        if (UsesActivationKernels(layer))
            writer.WriteLine($"global::NetGen.Activations.ActivationKernels.Apply<{Names.ActivationType(layer.Activation)}>(z, h);");
        else
            EmitElementwise(writer, layer.OutputSize, unrolled, i => $"h[{i}] = {Names.ActivationType(layer.Activation)}.Apply(z[{i}]);");
    }

    /// <summary>
    /// Layers of at least one 512-bit vector whose activation has a vector form go through ActivationKernels
    /// (one call for the layer, SIMD inside); narrower ones are written out element by element.
    /// </summary>
    private static bool UsesActivationKernels(LayerSpec layer) => layer.OutputSize >= 16 && ActivationFacts.HasVectorForm(layer.Activation);

    /// <summary>For a layer that runs per step, opens "for each step t"; otherwise nothing.</summary>
    private static System.IDisposable StepLoop(SourceWriter writer, LayerSpec layer)
        => layer.RunsPerStep ? writer.OpenBlock("for (int t = 0; t < _steps; t++)") : NoBlock.Instance;

    private sealed class NoBlock : System.IDisposable
    {
        public static readonly NoBlock Instance = new();

        public void Dispose() { }
    }
}
