using NetGen.Generators.Helpers;
using NetGen.Model;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>TrainStep (one sample) and TrainBatch (mean loss and mean gradient over the rows).</summary>
    private static void EmitTraining(SourceWriter writer, NetworkSpec spec)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>One online step: forward, backward (the gradients of this sample alone), update; returns the loss.</summary>");
        using (writer.OpenBlock("public float TrainStep(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> target, global::NetGen.IOptimizer optimizer)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckOptimizer(optimizer);");
            writer.WriteLine("int steps = StepsOf(input);");
            writer.WriteLine("global::NetGen.NetworkArguments.CheckLength(target.Length, OutputLength(steps), \"the target\", nameof(target));");
            writer.WriteLine("LoadInput(input, steps);");
            writer.WriteLine("ForwardCore();");
            writer.WriteLine("float loss = Backward(target, accumulate: false);");
            writer.WriteLine("optimizer.Step(_parameters, _gradients);");
            writer.WriteLine("return loss;");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>One minibatch step on the mean gradient over <paramref name=\"batchSize\"/> rows; returns the mean loss.</summary>");
        using (writer.OpenBlock("public float TrainBatch(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, int batchSize, global::NetGen.IOptimizer optimizer)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckOptimizer(optimizer);");
            EmitBatchShape(writer, spec, "targets");
            if (HasBatchPath(spec))
            {
                // BackwardBatch writes every gradient, so there is nothing to zero first.
                writer.WriteLine("ForwardBatch(inputs, batchSize);");
                writer.WriteLine("float meanLoss = BackwardBatch(inputs, targets, batchSize);");
                writer.WriteLine("_hasForward = false; // the single-sample workspace no longer matches the parameters");
                writer.WriteLine("optimizer.Step(_parameters, _gradients);");
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
            writer.WriteLine("global::System.Numerics.Tensors.TensorPrimitives.Multiply(_gradients, inverseBatch, _gradients);");
            writer.WriteLine("optimizer.Step(_parameters, _gradients);");
            writer.WriteLine("return loss * inverseBatch;");
        }
    }
}
