using System.Collections.Generic;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Dense networks with a layer too large to write out run a batch as matrix products (one row per
    /// sample) instead of one sample at a time: each weight matrix is then read once per batch, not once per sample.
    /// </summary>
    internal static bool HasBatchPath(NetworkSpec spec)
    {
        if (spec.IsRecurrent) return false;
        bool large = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.Kind is not (LayerKind.Dense or LayerKind.Input)) return false; // convolution and pooling run a batch sample by sample
            large |= layer.Kind == LayerKind.Dense && !Names.IsUnrolled(layer.WeightCount);
        }
        return large;
    }

    /// <summary>The batch matrices of every dense layer: z, a, dL/da, and φ(z) before a residual.</summary>
    internal static List<string> BatchBuffers(NetworkSpec spec, LayerSpec layer)
    {
        var buffers = new List<string> { Batch(Names.PreActivation(layer.Index)), Batch(Names.Output(layer.Index)), Batch(Names.OutputGradient(layer.Index)) };
        if (layer.HasResidual) buffers.Add(Batch(Names.Activated(layer)));
        return buffers;
    }

    /// <summary>A batch matrix's field: the per-sample buffer's name with a b.</summary>
    internal static string Batch(string field) => "_b" + field.Substring(1);

    /// <summary>Rows 0 … batchSize − 1 of a batch matrix of <paramref name="width"/> columns.</summary>
    internal static string BatchSpan(string field, int width, bool readOnly = false)
        => Invariant($"new global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<float>({field}, 0, batchSize * {width})");

    /// <summary>The fields, EnsureBatchCapacity, ForwardBatch and BackwardBatch.</summary>
    internal static void EmitBatchPath(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
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
        using (writer.OpenBlock($"private void ForwardBatch({TypeNames.ReadOnlySpan} inputs, int batchSize)"))
        {
            writer.WriteLine("EnsureBatchCapacity(batchSize);");
            writer.WriteLine($"{TypeNames.ReadOnlySpan} p = _parameters.Span;");
            foreach (LayerSpec layer in dense)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Layers.DenseEmitter.EmitForwardBatch(writer, spec, layer);
            }
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// After ForwardBatch: writes the mean over the batch of dLoss/dParameters into the gradients (every one is a dense layer's, so none is left from before)");
        writer.WriteLine("/// and returns the mean loss. A non-zero <paramref name=\"update\"/> (plain SGD's −learning rate) also applies W += update·∇W to each layer, by the");
        writer.WriteLine("/// thread that computed that part of ∇W, after dL/dX has read the old weights.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"private float BackwardBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int batchSize, float update)"))
        {
            writer.WriteLine($"{TypeNames.Span} p = _parameters.Span, g = _gradients.Span;");
            foreach (LayerSpec layer in dense)
                if (layer.Index != spec.Output.Index && ReceivesResidualGradient(spec, layer.Index))
                    writer.WriteLine($"{BatchSpan(Batch(Names.OutputGradient(layer.Index)), layer.OutputSize)}.Clear();");
            EmitBatchLoss(writer, spec);
            for (int index = dense.Count - 1; index >= 0; index--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerSpec layer = dense[index];
                Layers.DenseEmitter.EmitBackwardBatch(writer, spec, layer);
            }
            writer.WriteLine("return loss;");
        }
    }

    /// <summary>The rows a layer reads: the batch's inputs for the first layer, else the previous layer's matrix.</summary>
    internal static string BatchInput(NetworkSpec spec, LayerSpec layer) => BatchRows(spec, layer.Index - 1);

    /// <summary>The output rows of layer <paramref name="index"/>: the batch's inputs for the input layer.</summary>
    internal static string BatchRows(NetworkSpec spec, int index)
        => index == 0 ? "inputs" : BatchSpan(Batch(Names.Output(index)), spec.Layers[index].OutputSize, readOnly: true);

    /// <summary>The loss of each row and its gradient at the output, scaled by 1/batch so the products accumulate the mean.</summary>
    internal static void EmitBatchLoss(SourceWriter writer, NetworkSpec spec)
    {
        LayerSpec output = spec.Output;
        int width = output.OutputSize;
        string row = Invariant($"row * {width}, {width}");
        string a = $"new {TypeNames.ReadOnlySpan}({Batch(Names.Output(output.Index))}, {row})";
        string z = $"new {TypeNames.ReadOnlySpan}({Batch(Names.PreActivation(output.Index))}, {row})";
        string da = $"new {TypeNames.Span}({Batch(Names.OutputGradient(output.Index))}, {row})";
        string target = $"targets.Slice({row})";
        string call = LossCatalog.Of(spec.Loss).Call(z, a, target, da);
        writer.WriteLine("// Loss: each row as in Backward; the gradient is scaled by 1/batch here, once, rather than every parameter gradient later.");
        writer.WriteLine("float loss = 0f;");
        writer.WriteLine($"for (int row = 0; row < batchSize; row++) loss += {call};");
        writer.WriteLine("float inverseBatch = 1f / batchSize;");
        string gradient = BatchSpan(Batch(Names.OutputGradient(output.Index)), width);
        writer.WriteLine($"{TypeNames.TensorPrimitives}.Multiply({gradient}, inverseBatch, {gradient});");
        writer.WriteLine("loss *= inverseBatch;");
    }
}
