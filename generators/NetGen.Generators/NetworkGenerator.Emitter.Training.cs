using NetGen.Generators.Helpers;
using NetGen.Model;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>The plain-SGD step the generated code applies itself (Sgd.BeginFusedStep), or none (Update 0) for any other optimizer.</summary>
    private const string FusedUpdate = "var step = optimizer is global::NetGen.Sgd sgd ? sgd.BeginFusedStep(ParameterCount) : default(" + TypeNames.Numerics + ".FusedStep);";

    /// <summary>
    /// Batch normalisation of features needs two samples or more in training (PyTorch raises for one): checked before any
    /// layer runs, so that a rejected batch changes no running statistic.
    /// </summary>
    private static void EmitBatchStatisticsCheck(SourceWriter writer, NetworkSpec spec)
    {
        foreach (LayerSpec layer in spec.Layers)
            if (layer.Descriptor.UsesBatchStatistics && layer.Positions == 1)
            {
                string message = Names.Literal($"Batch normalisation '{layer.PropertyName}' needs more than one value per feature in training: train with batches of 2 or more (PyTorch raises the same for a batch of 1).");
                writer.WriteLine($"if (batchSize < 2) throw new {TypeNames.InvalidOperationException}({message});");
                return;
            }
    }

    /// <summary>TrainStep (one sample) and TrainBatch (mean loss and mean gradient over the rows).</summary>
    internal static void EmitTraining(SourceWriter writer, NetworkSpec spec)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>One online step: forward, backward (the gradients of this sample alone), update; returns the loss.</summary>");
        using (writer.OpenBlock($"public float TrainStep({TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, global::NetGen.IOptimizer optimizer)"))
        {
            if (spec.HasTrainingMode)
            {
                writer.WriteLine("// Training mode (batch statistics, dropout) is the batch path's: one sample is a batch of one.");
                writer.WriteLine("return TrainBatch(input, target, 1, optimizer);");
            }
            else
            {
                writer.WriteLine($"{TypeNames.NetworkArguments}.CheckOptimizer(optimizer, Layers);");
                writer.WriteLine("int steps = StepsOf(input);");
                writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(target.Length, OutputLength(steps), \"the target\", nameof(target));");
                writer.WriteLine("LoadInput(input, steps);");
                writer.WriteLine("ForwardCore();");
                writer.WriteLine("// Plain SGD is applied layer by layer inside Backward; any other optimizer steps afterwards.");
                writer.WriteLine(FusedUpdate);
                writer.WriteLine($"if (step.Update != 0f) return Backward<{TypeNames.Numerics}.BackwardModes.OverwriteAndUpdate>(target, step);");
                writer.WriteLine($"float loss = Backward<{TypeNames.Numerics}.BackwardModes.Overwrite>(target, default);");
                writer.WriteLine("optimizer.Step(_parameters.Span, _gradients.Span);");
                writer.WriteLine("return loss;");
            }
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>One minibatch step on the mean gradient over <paramref name=\"batchSize\"/> rows; returns the mean loss.</summary>");
        using (writer.OpenBlock($"public float TrainBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int batchSize, global::NetGen.IOptimizer optimizer)"))
        {
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckOptimizer(optimizer, Layers);");
            EmitBatchShape(writer, spec, "targets");
            if (HasBatchPath(spec))
            {
                EmitBatchStatisticsCheck(writer, spec);
                // BackwardBatch writes every gradient, so there is nothing to zero first.
                writer.WriteLine("ForwardBatch(inputs, batchSize, training: true);");
                writer.WriteLine("// Plain SGD is applied layer by layer inside BackwardBatch, by the thread that computed each part of ∇W; any other optimizer steps afterwards.");
                writer.WriteLine(FusedUpdate);
                writer.WriteLine("float meanLoss = BackwardBatch(inputs, targets, batchSize, step);");
                writer.WriteLine("_hasForward = false; // the single-sample workspace no longer matches the parameters");
                writer.WriteLine("if (step.Update == 0f) optimizer.Step(_parameters.Span, _gradients.Span);");
                writer.WriteLine("return meanLoss;");
                return;
            }
            writer.WriteLine("ZeroGradients();");
            writer.WriteLine("float loss = 0f;");
            using (writer.OpenBlock("for (int sample = 0; sample < batchSize; sample++)"))
            {
                writer.WriteLine("LoadInput(inputs.Slice(sample * inputLength, inputLength), steps);");
                writer.WriteLine("ForwardCore();");
                writer.WriteLine("loss += Backward(targets.Slice(sample * outputLength, outputLength));");
            }
            writer.WriteLine("float inverseBatch = 1f / batchSize;");
            writer.WriteLine($"{TypeNames.TensorPrimitives}.Multiply(_gradients.Span, inverseBatch, _gradients.Span);");
            writer.WriteLine("optimizer.Step(_parameters.Span, _gradients.Span);");
            writer.WriteLine("return loss * inverseBatch;");
        }
    }
}
