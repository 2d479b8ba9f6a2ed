using System.Text;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Backward: the loss and its gradient at the output, then each layer in reverse order turns dL/da into
    /// δ = dL/dz, accumulates ∇W += δ·xᵀ and ∇b += δ, and adds Wᵀ·δ (and, through a residual, dL/da itself)
    /// to the gradients of the layers it read. Reverse order guarantees a layer's dL/da is complete
    /// before it is used, because everything that reads a layer comes after it.
    /// </summary>
    private static void EmitBackward(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        LayerSpec output = spec.Output;
        writer.WriteLine();
        writer.WriteLine("/// <summary>After Forward: adds dLoss/dParameters to <see cref=\"Gradients\"/> and returns the loss.</summary>");
        using (writer.OpenBlock("public float Backward(global::System.ReadOnlySpan<float> target)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckLength(target.Length, OutputSize, \"the target\", nameof(target));");
            writer.WriteLine("if (!_hasForward) throw new global::System.InvalidOperationException(\"Backward needs a Forward first: it differentiates the last sample run forward.\");");
            writer.WriteLine("global::System.ReadOnlySpan<float> p = _parameters;");
            writer.WriteLine("global::System.Span<float> g = _gradients;");
            foreach (LayerSpec layer in spec.Layers)
                if (layer.Kind != LayerKind.Input && layer.Index != output.Index)
                    writer.WriteLine($"global::System.Array.Clear({Names.OutputGradient(layer.Index)});");

            string a = Names.Output(output.Index), z = Names.PreActivation(output.Index), da = Names.OutputGradient(output.Index);
            switch (spec.Loss)
            {
                case LossKind.CrossEntropy:
                    writer.WriteLine("// Loss: cross-entropy on the softmax output; the fused gradient p − t lands directly on z.");
                    writer.WriteLine($"float loss = global::NetGen.Losses.CrossEntropy.ComputeFused({z}, {a}, target, {da});");
                    break;
                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("// Loss: binary cross-entropy on the sigmoid output; the fused gradient (p − t)/n lands directly on z.");
                    writer.WriteLine($"float loss = global::NetGen.Losses.BinaryCrossEntropy.ComputeFused({a}, target, {da});");
                    break;
                default:
                    writer.WriteLine("// Loss: mean squared error; dL/da = 2(a − t)/n.");
                    writer.WriteLine($"float loss = global::NetGen.Losses.MeanSquaredError.Compute({a}, target, {da});");
                    break;
            }

            for (int index = spec.Layers.Count - 1; index >= 1; index--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool fused = index == output.Index && spec.Loss != LossKind.MeanSquaredError;
                EmitDenseBackward(writer, spec.Layers[index], fused);
            }
            writer.WriteLine("return loss;");
        }
    }

    private static void EmitDenseBackward(SourceWriter writer, LayerSpec layer, bool fusedWithLoss)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        bool unrolled = Names.IsUnrolled(layer);
        bool propagatesToInput = layer.Index > 1;
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: δ = dL/da ⊙ φ′(z); ∇W += δ·xᵀ; ∇b += δ") + (propagatesToInput ? "; dL/dx += Wᵀ·δ" : ""));
        using (writer.OpenBlock())
        {
            bool needsDerivative = !fusedWithLoss && layer.Activation != ActivationKind.Linear;
            string derivativeInputs = needsDerivative ? Invariant($", z = {Names.PreActivation(layer.Index)}, h = {Names.Activated(layer)}") : "";
            writer.WriteLine(Invariant($"global::System.ReadOnlySpan<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), x = {Names.Output(layer.Index - 1)}{derivativeInputs};"));
            writer.WriteLine(Invariant($"global::System.Span<float> d = {Names.OutputGradient(layer.Index)}, gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {units});"));

            if (layer.HasResidual && layer.ResidualIndex > 0)
            {
                writer.WriteLine(Invariant($"// The residual's identity path: {layer.ResidualName} receives dL/da unchanged."));
                writer.WriteLine(Invariant($"global::System.Span<float> dr = {Names.OutputGradient(layer.ResidualIndex)};"));
                EmitElementwise(writer, units, unrolled, i => $"dr[{i}] += d[{i}];");
            }
            if (fusedWithLoss)
                writer.WriteLine("// d already holds δ: the loss wrote its fused gradient.");
            else if (needsDerivative)
                EmitElementwise(writer, units, unrolled, i => $"d[{i}] *= {Names.ActivationType(layer.Activation)}.Derivative(z[{i}], h[{i}]);");

            if (unrolled)
            {
                for (int o = 0; o < units; o++)
                {
                    writer.WriteLine(Invariant($"gb[{o}] += d[{o}];"));
                    for (int i = 0; i < inputs; i++) writer.WriteLine(Invariant($"gw[{o * inputs + i}] += d[{o}] * x[{i}];"));
                }
                if (propagatesToInput)
                {
                    writer.WriteLine(Invariant($"global::System.Span<float> dx = {Names.OutputGradient(layer.Index - 1)};"));
                    for (int i = 0; i < inputs; i++)
                    {
                        var line = new StringBuilder(Invariant($"dx[{i}] +="));
                        for (int o = 0; o < units; o++) line.Append(Invariant($"{(o == 0 ? " " : " + ")}w[{o * inputs + i}] * d[{o}]"));
                        writer.WriteLine(line.Append(';').ToString());
                    }
                }
            }
            else
            {
                using (writer.OpenBlock(Invariant($"for (int o = 0; o < {units}; o++)")))
                {
                    writer.WriteLine("gb[o] += d[o];");
                    writer.WriteLine(Invariant($"global::NetGen.Numerics.Kernels.MultiplyAdd(gw.Slice(o * {inputs}, {inputs}), x, d[o]);"));
                }
                if (propagatesToInput)
                {
                    writer.WriteLine(Invariant($"global::System.Span<float> dx = {Names.OutputGradient(layer.Index - 1)};"));
                    writer.WriteLine(Invariant($"for (int o = 0; o < {units}; o++) global::NetGen.Numerics.Kernels.MultiplyAdd(dx, w.Slice(o * {inputs}, {inputs}), d[o]);"));
                }
            }
        }
    }
}
