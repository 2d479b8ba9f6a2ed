using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// Batch and layer normalisation, then the layer's activation (and residual): z = γ·x̂ + β, a = φ(z). What differs between
/// the two kinds is only which kernel standardises (<see cref="BatchNormEmitter"/>, <see cref="LayerNormEmitter"/>); the
/// activation, residual, gradient slices and fused update around it are the same.
/// </summary>
internal abstract partial class NormalizationEmitter : ILayerEmitter, IBatchLayerEmitter
{
    public abstract void AddBuffers(LayerSpec layer, List<Buffer> buffers);

    public abstract void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers);

    public abstract void EmitInitialisation(SourceWriter writer, LayerSpec layer);

    /// <summary>In Forward (one sample, evaluation): z from x.</summary>
    protected abstract void EmitNormalize(SourceWriter writer, LayerSpec layer);

    /// <summary>In Backward (one sample): ∇γ, ∇β added to gg, gb; dL/dx added to dx (a span, possibly empty) from δ in d.</summary>
    protected abstract void EmitNormalizeBackward(SourceWriter writer, LayerSpec layer, string dx);

    /// <summary>In ForwardBatch: z from the rows of x, in training or evaluation as the caller's <c>training</c> says.</summary>
    protected abstract void EmitNormalizeBatch(SourceWriter writer, LayerSpec layer);

    /// <summary>In BackwardBatch (training): ∇γ, ∇β written to gg, gb; dL/dX added to dx (possibly empty) from δ in d.</summary>
    protected abstract void EmitNormalizeBatchBackward(SourceWriter writer, LayerSpec layer, string dx);

    /// <summary>Normalisation is one pass over the values either way: no reason for the batch path (batch statistics are, see HasTrainingMode).</summary>
    public bool GainsFromBatch(LayerSpec layer) => false;

    /// <summary>γ and β as spans over the parameter block p (or the gradients g).</summary>
    protected static string Gamma(LayerSpec layer, string block = "p") => Invariant($"{block}.Slice({layer.TensorOffset("weight")}, {layer.WeightCount})");

    protected static string Beta(LayerSpec layer, string block = "p") => Invariant($"{block}.Slice({layer.TensorOffset("bias")}, {layer.WeightCount})");

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        writer.WriteLine($"// {Names.Describe(layer)}: z = γ·x̂ + β" + (layer.Descriptor.HasTrainingMode ? " (evaluation: the running statistics)" : ""));
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {Names.Output(layer.Index - 1)};");
            string buffers = $"z = {Names.PreActivation(layer.Index)}, h = {Names.Activated(layer)}" + (layer.HasResidual ? $", a = {Names.Output(layer.Index)}" : "");
            writer.WriteLine($"{TypeNames.Span} {buffers};");
            EmitNormalize(writer, layer);
            EmitActivation(writer, layer, unrolled: false);
            if (layer.HasResidual) writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(h, {Names.Output(layer.ResidualIndex)}, a);");
        }
    }

    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        bool propagates = spec.Layers[layer.Index - 1].Kind != LayerKind.Input;
        writer.WriteLine($"// {Names.Describe(layer)}: {Delta(spec, layer, "z")}; ∇γ += Σ δ·x̂; ∇β += Σ δ" + (propagates ? "; dL/dx += through the normalisation" : ""));
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.Span} d = {Names.OutputGradient(layer.Index)}, gg = {Gamma(layer, "g")}, gb = {Beta(layer, "g")};");
            EmitClearUnlessAccumulating(writer, spec, "gg", "gb");
            if (layer.HasResidual && layer.ResidualIndex > 0)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({Names.OutputGradient(layer.ResidualIndex)}, d, {Names.OutputGradient(layer.ResidualIndex)}); // the residual's identity path");
            if (NeedsDerivative(spec, layer)) EmitMultiplyByDerivative(writer, layer, Names.PreActivation(layer.Index), Names.Activated(layer), "d");
            EmitNormalizeBackward(writer, layer, propagates ? Names.OutputGradient(layer.Index - 1) : $"{TypeNames.Span}.Empty");
            EmitFusedUpdate(writer, spec, layer);
        }
    }

    public void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}: z = γ·x̂ + β");
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {BatchInput(spec, layer)};");
            string buffers = $"z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units)}, h = {BatchSpan(Batch(Names.Activated(layer)), units)}";
            if (layer.HasResidual) buffers += $", a = {BatchSpan(Batch(Names.Output(layer.Index)), units)}";
            writer.WriteLine($"{TypeNames.Span} {buffers};");
            EmitNormalizeBatch(writer, layer);
            EmitActivationAndResidualBatch(writer, spec, layer);
        }
    }

    public void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool propagates = previous.Kind != LayerKind.Input;
        writer.WriteLine($"// {Names.Describe(layer)}: {Delta(spec, layer, "Z")}; ∇γ = Σ δ·x̂; ∇β = Σ δ" + (propagates ? "; dL/dX += through the normalisation" : ""));
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.Span} d = {BatchSpan(Batch(Names.OutputGradient(layer.Index)), layer.OutputSize)}, gg = {Gamma(layer, "g")}, gb = {Beta(layer, "g")};");
            EmitResidualAndDerivativeBatch(writer, spec, layer);
            if (propagates)
            {
                writer.WriteLine($"{TypeNames.Span} dx = {BatchSpan(Batch(Names.OutputGradient(previous.Index)), previous.OutputSize)};");
                EmitClearInputGradientBatch(writer, spec, layer, "dx");
            }
            EmitNormalizeBatchBackward(writer, layer, propagates ? "dx" : $"{TypeNames.Span}.Empty");
            EmitFusedUpdateBatch(writer, layer);
        }
    }

    /// <summary>γ = 1, β = 0 (PyTorch's reset_parameters).</summary>
    protected static void EmitUnitScale(SourceWriter writer, LayerSpec layer)
        => writer.WriteLine(Invariant($"_parameters.Span.Slice({layer.TensorOffset("weight")}, {layer.WeightCount}).Fill(1f); // {layer.PropertyName}: γ = 1, β = 0"));

    private static bool FusedWithLoss(NetworkSpec spec, LayerSpec layer) => layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;

    private static bool NeedsDerivative(NetworkSpec spec, LayerSpec layer) => !FusedWithLoss(spec, layer) && layer.Activation != Activation.Linear;

    /// <summary>What the block's δ is, as its comment says it.</summary>
    private static string Delta(NetworkSpec spec, LayerSpec layer, string z)
        => FusedWithLoss(spec, layer) ? "δ = the loss's fused gradient" : layer.Activation == Activation.Linear ? "δ = dL/da" : $"δ = dL/da ⊙ φ′({z})";
}
