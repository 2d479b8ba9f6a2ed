using System.Collections.Generic;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Feed-forward networks whose every layer has a batch form, and at least one layer that gains from it (a dense
    /// layer too large to write out, a convolution), run a batch as matrix products (one row per sample) instead of
    /// one sample at a time: each weight matrix is then read once per batch, not once per sample. A network with a
    /// training mode (batch statistics, dropout) always trains this way: its training pass is the batch's.
    /// </summary>
    internal static bool HasBatchPath(NetworkSpec spec)
    {
        if (spec.IsRecurrent) return false;
        bool gains = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.Kind == LayerKind.Input) continue;
            if (Layers.LayerEmitters.BatchOf(layer) is not { } emitter) return false;
            gains |= emitter.GainsFromBatch(layer);
        }
        return gains || spec.HasTrainingMode;
    }

    /// <summary>The batch matrices of a layer: z (if its kind keeps one), a, dL/da, φ(z) before a residual, and its kind's own.</summary>
    internal static List<(string Field, int Width)> BatchBuffers(LayerSpec layer)
    {
        int width = layer.OutputSize;
        var buffers = new List<(string Field, int Width)>();
        if (layer.Descriptor.HasPreActivation) buffers.Add((Batch(Names.PreActivation(layer.Index)), width));
        buffers.Add((Batch(Names.Output(layer.Index)), width));
        buffers.Add((Batch(Names.OutputGradient(layer.Index)), width));
        if (layer.HasResidual) buffers.Add((Batch(Names.Activated(layer)), width));
        Layers.LayerEmitters.BatchOf(layer)!.AddBatchBuffers(layer, buffers);
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
        var layers = new List<LayerSpec>();
        foreach (LayerSpec layer in spec.Layers)
            if (layer.Kind != LayerKind.Input) layers.Add(layer);

        writer.WriteLine();
        writer.WriteLine("// Batch workspace: each layer's matrices with one row per sample, grown to the largest batch seen, then reused.");
        writer.WriteLine("private int _batchCapacity;");
        foreach (LayerSpec layer in layers)
            writer.WriteLine($"private float[] {string.Join(" = [], ", BatchBuffers(layer).ConvertAll(buffer => buffer.Field))} = [];");
        writer.WriteLine();
        using (writer.OpenBlock("private void EnsureBatchCapacity(int batchSize)"))
        {
            writer.WriteLine("if (batchSize <= _batchCapacity) return;");
            writer.WriteLine("_batchCapacity = batchSize;");
            foreach (LayerSpec layer in layers)
                foreach ((string field, int width) in BatchBuffers(layer))
                    writer.WriteLine(Invariant($"{field} = new float[batchSize * {width}];"));
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Forward over a batch as matrix products, Z = X·Wᵀ + b per layer; keeps what BackwardBatch needs. <paramref name=\"training\"/>: TrainBatch's pass (batch statistics, dropout), not Forward's.</summary>");
        using (writer.OpenBlock($"private void ForwardBatch({TypeNames.ReadOnlySpan} inputs, int batchSize, bool training)"))
        {
            writer.WriteLine("EnsureBatchCapacity(batchSize);");
            writer.WriteLine($"{TypeNames.ReadOnlySpan} p = _parameters.Span;");
            foreach (LayerSpec layer in layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Layers.LayerEmitters.BatchOf(layer)!.EmitForwardBatch(writer, spec, layer);
            }
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// After ForwardBatch: writes the mean over the batch of dLoss/dParameters into the gradients (every layer writes its whole slice, so none is left from before)");
        writer.WriteLine("/// and returns the mean loss. A step with a non-zero update (plain SGD's −learning rate) also applies W = decay·W + update·∇W to each layer, by the");
        writer.WriteLine("/// thread that computed that part of ∇W, after dL/dX has read the old weights.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"private float BackwardBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int batchSize, {TypeNames.Numerics}.FusedStep step)"))
        {
            writer.WriteLine("float update = step.Update;");
            writer.WriteLine($"{TypeNames.Span} p = _parameters.Span, g = _gradients.Span;");
            foreach (LayerSpec layer in layers)
                if (layer.Index != spec.Output.Index && ReceivesResidualGradient(spec, layer.Index))
                    writer.WriteLine($"{BatchSpan(Batch(Names.OutputGradient(layer.Index)), layer.OutputSize)}.Clear();");
            EmitBatchLoss(writer, spec);
            for (int index = layers.Count - 1; index >= 0; index--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Layers.LayerEmitters.BatchOf(layers[index])!.EmitBackwardBatch(writer, spec, layers[index]);
            }
            writer.WriteLine("return loss;");
        }
    }

    /// <summary>In a forward batch block after z: h = φ(z) over every row (softmax row by row), then a = h + the residual's rows.</summary>
    internal static void EmitActivationAndResidualBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        if (layer.Activation == Activation.Softmax)
            writer.WriteLine(Invariant($"for (int row = 0; row < batchSize * {units}; row += {units}) global::NetGen.Activations.Softmax.Apply(z.Slice(row, {units}), h.Slice(row, {units}));"));
        else if (UsesActivationKernels(layer))
            writer.WriteLine($"{TypeNames.ActivationKernels}.Apply<{Names.ActivationType(layer.Activation)}>(z, h);");
        else
            writer.WriteLine($"for (int i = 0; i < z.Length; i++) h[i] = {Names.ActivationType(layer.Activation)}.Apply(z[i]);");
        if (layer.HasResidual)
            writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(h, {BatchRows(spec, layer.ResidualIndex)}, a);");
    }

    /// <summary>
    /// In a backward batch block, with d = dL/da: the residual's source receives d unchanged, then d becomes
    /// δ = d ⊙ φ′(Z) (unless the loss already wrote δ or the layer is linear).
    /// </summary>
    internal static void EmitResidualAndDerivativeBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        if (layer.HasResidual && layer.ResidualIndex > 0)
        {
            string dr = BatchSpan(Batch(Names.OutputGradient(layer.ResidualIndex)), units);
            writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({dr}, d, {dr}); // the residual's identity path");
        }
        bool fusedWithLoss = layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        if (fusedWithLoss || layer.Activation == Activation.Linear) return;
        writer.WriteLine($"{TypeNames.ReadOnlySpan} z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units, readOnly: true)}, h = {BatchSpan(Batch(Names.Activated(layer)), units, readOnly: true)};");
        EmitMultiplyByDerivative(writer, layer, "z", "h", "d");
    }

    /// <summary>
    /// Before a layer's backward block adds to dL/dX of its input: clears it unless a residual that reads that input
    /// has already added its part (the layers that do come later, so their blocks ran first).
    /// </summary>
    internal static void EmitClearInputGradientBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer, string dx)
    {
        if (!ReceivesResidualGradient(spec, layer.Index - 1)) writer.WriteLine($"{dx}.Clear();");
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
        string z = output.Descriptor.HasPreActivation ? $"new {TypeNames.ReadOnlySpan}({Batch(Names.PreActivation(output.Index))}, {row})" : a; // pooling: its output is its z
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
