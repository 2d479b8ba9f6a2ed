using System.Collections.Generic;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Feed-forward networks with a layer too large to write out run a batch as matrix products (one row per
    /// sample) instead of one sample at a time: each weight matrix is then read once per batch, not once per sample.
    /// </summary>
    private static bool HasBatchPath(NetworkSpec spec)
    {
        if (spec.IsRecurrent) return false;
        foreach (LayerSpec layer in spec.Layers)
            if (layer.Kind == LayerKind.Dense && !Names.IsUnrolled(layer.WeightCount)) return true;
        return false;
    }

    /// <summary>The batch matrices of every dense layer: z, a, dL/da, and φ(z) before a residual.</summary>
    private static List<string> BatchBuffers(NetworkSpec spec, LayerSpec layer)
    {
        var buffers = new List<string> { Batch(Names.PreActivation(layer.Index)), Batch(Names.Output(layer.Index)), Batch(Names.OutputGradient(layer.Index)) };
        if (layer.HasResidual) buffers.Add(Batch(Names.Activated(layer)));
        return buffers;
    }

    /// <summary>A batch matrix's field: the per-sample buffer's name with a b.</summary>
    private static string Batch(string field) => "_b" + field.Substring(1);

    /// <summary>Rows 0 … batchSize − 1 of a batch matrix of <paramref name="width"/> columns.</summary>
    private static string BatchSpan(string field, int width, bool readOnly = false)
        => Invariant($"new global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<float>({field}, 0, batchSize * {width})");

    /// <summary>The fields, EnsureBatchCapacity, ForwardBatch and BackwardBatch.</summary>
    private static void EmitBatchPath(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        var dense = new List<LayerSpec>();
        foreach (LayerSpec layer in spec.Layers)
            if (layer.Kind == LayerKind.Dense) dense.Add(layer);

        writer.WriteLine();
        writer.WriteLine("// Batch workspace: each layer's matrices with one row per sample, grown to the largest batch seen, then reused.");
        writer.WriteLine("private int _batchCapacity;");
        foreach (LayerSpec layer in dense)
            writer.WriteLine($"private float[] {string.Join(" = [], ", BatchBuffers(spec, layer))} = [];");
        writer.WriteLine();
        using (writer.OpenBlock("private void EnsureBatchCapacity(int batchSize)"))
        {
            writer.WriteLine("if (batchSize <= _batchCapacity) return;");
            writer.WriteLine("_batchCapacity = batchSize;");
            foreach (LayerSpec layer in dense)
                foreach (string buffer in BatchBuffers(spec, layer))
                    writer.WriteLine(Invariant($"{buffer} = new float[batchSize * {layer.OutputSize}];"));
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Forward over a batch as matrix products, Z = X·Wᵀ + b per layer; keeps what BackwardBatch needs.</summary>");
        using (writer.OpenBlock("private void ForwardBatch(global::System.ReadOnlySpan<float> inputs, int batchSize)"))
        {
            writer.WriteLine("EnsureBatchCapacity(batchSize);");
            writer.WriteLine("global::System.ReadOnlySpan<float> p = _parameters.Span;");
            foreach (LayerSpec layer in dense)
            {
                cancellationToken.ThrowIfCancellationRequested();
                EmitDenseForwardBatch(writer, spec, layer);
            }
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// After ForwardBatch: writes the mean over the batch of dLoss/dParameters into the gradients (every one is a dense layer's, so none is left from before)");
        writer.WriteLine("/// and returns the mean loss. A non-zero <paramref name=\"update\"/> (plain SGD's −learning rate) also applies W += update·∇W to each layer, by the");
        writer.WriteLine("/// thread that computed that part of ∇W, after dL/dX has read the old weights.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock("private float BackwardBatch(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, int batchSize, float update)"))
        {
            writer.WriteLine("global::System.Span<float> p = _parameters.Span, g = _gradients.Span;");
            foreach (LayerSpec layer in dense)
                if (layer.Index != spec.Output.Index && ReceivesResidualGradient(spec, layer.Index))
                    writer.WriteLine($"{BatchSpan(Batch(Names.OutputGradient(layer.Index)), layer.OutputSize)}.Clear();");
            EmitBatchLoss(writer, spec);
            for (int index = dense.Count - 1; index >= 0; index--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerSpec layer = dense[index];
                EmitDenseBackwardBatch(writer, spec, layer, fusedWithLoss: layer.Index == spec.Output.Index && spec.Loss != LossKind.MeanSquaredError);
            }
            writer.WriteLine("return loss;");
        }
    }

    /// <summary>The rows a layer reads: the batch's inputs for the first layer, else the previous layer's matrix.</summary>
    private static string BatchInput(NetworkSpec spec, LayerSpec layer) => BatchRows(spec, layer.Index - 1);

    /// <summary>The output rows of layer <paramref name="index"/>: the batch's inputs for the input layer.</summary>
    private static string BatchRows(NetworkSpec spec, int index)
        => index == 0 ? "inputs" : BatchSpan(Batch(Names.Output(index)), spec.Layers[index].OutputSize, readOnly: true);

    private static void EmitDenseForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"global::System.ReadOnlySpan<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units}), x = {BatchInput(spec, layer)};"));
            string buffers = $"z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units)}, h = {BatchSpan(Batch(Names.Activated(layer)), units)}";
            if (layer.HasResidual) buffers += $", a = {BatchSpan(Batch(Names.Output(layer.Index)), units)}";
            writer.WriteLine($"global::System.Span<float> {buffers};");
            writer.WriteLine("global::NetGen.Numerics.Gemm.BroadcastRows(b, z);");
            writer.WriteLine(Invariant($"global::NetGen.Numerics.Gemm.MultiplyTransposedAdd(x, w, z, batchSize, {inputs}, {units});"));
            if (layer.Activation == ActivationKind.Softmax)
                writer.WriteLine(Invariant($"for (int row = 0; row < batchSize * {units}; row += {units}) global::NetGen.Activations.Softmax.Apply(z.Slice(row, {units}), h.Slice(row, {units}));"));
            else if (UsesActivationKernels(layer))
                writer.WriteLine($"global::NetGen.Activations.ActivationKernels.Apply<{Names.ActivationType(layer.Activation)}>(z, h);");
            else
                writer.WriteLine($"for (int i = 0; i < z.Length; i++) h[i] = {Names.ActivationType(layer.Activation)}.Apply(z[i]);");
            if (layer.HasResidual)
                writer.WriteLine($"global::System.Numerics.Tensors.TensorPrimitives.Add(h, {BatchRows(spec, layer.ResidualIndex)}, a);");
        }
    }

    /// <summary>The loss of each row and its gradient at the output, scaled by 1/batch so the products accumulate the mean.</summary>
    private static void EmitBatchLoss(SourceWriter writer, NetworkSpec spec)
    {
        LayerSpec output = spec.Output;
        int width = output.OutputSize;
        string row = Invariant($"row * {width}, {width}");
        string a = $"new global::System.ReadOnlySpan<float>({Batch(Names.Output(output.Index))}, {row})";
        string z = $"new global::System.ReadOnlySpan<float>({Batch(Names.PreActivation(output.Index))}, {row})";
        string da = $"new global::System.Span<float>({Batch(Names.OutputGradient(output.Index))}, {row})";
        string target = $"targets.Slice({row})";
        string call = spec.Loss switch
        {
            LossKind.CrossEntropy => $"global::NetGen.Losses.CrossEntropy.ComputeFused({z}, {a}, {target}, {da})",
            LossKind.BinaryCrossEntropy => $"global::NetGen.Losses.BinaryCrossEntropy.ComputeFused({a}, {target}, {da})",
            _ => $"global::NetGen.Losses.MeanSquaredError.Compute({a}, {target}, {da})",
        };
        writer.WriteLine("// Loss: each row as in Backward; the gradient is scaled by 1/batch here, once, rather than every parameter gradient later.");
        writer.WriteLine("float loss = 0f;");
        writer.WriteLine($"for (int row = 0; row < batchSize; row++) loss += {call};");
        writer.WriteLine("float inverseBatch = 1f / batchSize;");
        string gradient = BatchSpan(Batch(Names.OutputGradient(output.Index)), width);
        writer.WriteLine($"global::System.Numerics.Tensors.TensorPrimitives.Multiply({gradient}, inverseBatch, {gradient});");
        writer.WriteLine("loss *= inverseBatch;");
    }

    private static void EmitDenseBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer, bool fusedWithLoss)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool propagatesToInput = previous.Kind != LayerKind.Input;
        bool needsDerivative = !fusedWithLoss && layer.Activation != ActivationKind.Linear;
        writer.WriteLine($"// {Names.Describe(layer)}: δ = dL/da ⊙ φ′(Z)" + (propagatesToInput ? "; dL/dX += δ·W" : "") + "; ∇W = δᵀ·X; ∇b = Σ rows of δ");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"global::System.Span<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units});"));
            writer.WriteLine(Invariant($"global::System.Span<float> gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {units}), d = {BatchSpan(Batch(Names.OutputGradient(layer.Index)), units)};"));
            writer.WriteLine($"global::System.ReadOnlySpan<float> x = {BatchInput(spec, layer)};");
            if (layer.HasResidual && layer.ResidualIndex > 0)
            {
                string dr = BatchSpan(Batch(Names.OutputGradient(layer.ResidualIndex)), units);
                writer.WriteLine(Invariant($"global::System.Numerics.Tensors.TensorPrimitives.Add({dr}, d, {dr}); // the residual's identity path"));
            }
            if (needsDerivative)
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units, readOnly: true)}, h = {BatchSpan(Batch(Names.Activated(layer)), units, readOnly: true)};");
                writer.WriteLine(UsesActivationKernels(layer)
                    ? $"global::NetGen.Activations.ActivationKernels.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>(z, h, d);"
                    : $"for (int i = 0; i < d.Length; i++) d[i] *= {Names.ActivationType(layer.Activation)}.Derivative(z[i], h[i]);");
            }
            if (propagatesToInput)
            {
                // Overwritten unless a residual has already added to it (those layers come later, so their blocks ran first).
                string accumulate = ReceivesResidualGradient(spec, previous.Index) ? "" : ", accumulate: false";
                writer.WriteLine(Invariant($"global::NetGen.Numerics.Gemm.MultiplyAdd(d, {units}, 1, w, {BatchSpan(Batch(Names.OutputGradient(previous.Index)), previous.OutputSize)}, batchSize, {units}, {inputs}{accumulate});"));
            }
            writer.WriteLine("gb.Clear();");
            writer.WriteLine("global::NetGen.Numerics.Gemm.AddColumnSums(d, gb);");
            writer.WriteLine("if (update != 0f) global::NetGen.Numerics.Kernels.MultiplyAdd(b, gb, update);");
            writer.WriteLine(Invariant($"global::NetGen.Numerics.Gemm.MultiplyAdd(d, 1, {units}, x, gw, {units}, batchSize, {inputs}, accumulate: false, update != 0f ? w : default, update); // δ read as its transpose"));
        }
    }
}
