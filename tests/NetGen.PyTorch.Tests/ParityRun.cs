using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetGen.Testing;

namespace NetGen.PyTorch.Tests;

/// <summary>What NetGen computed for one pass over a case's batch, and what its PyTorch twin computed.</summary>
/// <param name="Loss">NetGen's mean loss over the batch.</param>
/// <param name="Gradients">NetGen's mean gradient.</param>
/// <param name="Outputs">NetGen's outputs (evaluation only).</param>
/// <param name="Net">The network after the pass (its buffers and counters).</param>
/// <param name="Torch">The twin's gradients and buffers, loaded from its safetensors file by NetGen's own loader into a clone of <paramref name="Net"/>.</param>
/// <param name="TorchLoss">The twin's loss.</param>
/// <param name="TorchOutputs">The twin's outputs (evaluation only).</param>
internal sealed record PassResult(float Loss, float[] Gradients, float[] Outputs, INetwork Net, INetwork Torch, float TorchLoss, float[] TorchOutputs);

/// <summary>A case after both sides ran: the state_dict keys the twin has, the names NetGen saves, and each mode's pass.</summary>
internal sealed record CaseResult(string[] TorchKeys, string[] TensorNames, PassResult? Training, PassResult Evaluation);

/// <summary>
/// Runs every case: NetGen's passes here, then all the twins in one Python process (torch takes a second or two to
/// start), then reads the twins' results back. Done once, on first use, for all the tests.
/// </summary>
internal static class ParityRun
{
    private static readonly Lazy<Dictionary<string, CaseResult>> s_results = new(RunAll);

    public static CaseResult Of(string name) => s_results.Value[name];

    /// <summary>An optimizer that leaves the parameters alone, so that a TrainBatch leaves its mean gradient in Gradients.</summary>
    private sealed class NoStep : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) { }
    }

    private sealed record NetGenPasses(INetwork? Trained, float TrainLoss, float[] TrainGradients, INetwork Evaluated, float EvalLoss, float[] EvalGradients, float[] Outputs);

    private static Dictionary<string, CaseResult> RunAll()
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-torch-parity-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        try
        {
            var cases = new JsonArray();
            var passes = new Dictionary<string, NetGenPasses>();
            foreach (ParityCase @case in ParityCase.All)
            {
                INetwork net = @case.Create();
                @case.Randomize(net);
                SafeTensors.Save(net, Path.Combine(directory, @case.Name + ".weights.safetensors"));
                float[] inputs = @case.Inputs(net), targets = @case.Targets(net);
                passes[@case.Name] = RunNetGen(@case, net, inputs, targets);
                cases.Add(new JsonObject
                {
                    ["name"] = @case.Name,
                    ["class"] = @case.Name,
                    ["source"] = @case.Source,
                    ["weights"] = @case.Name + ".weights.safetensors",
                    ["batch"] = ParityCase.Batch,
                    ["inputs"] = new JsonArray(inputs.Select(value => JsonValue.Create(value)).ToArray<JsonNode?>()),
                    ["targets"] = new JsonArray(targets.Select(value => JsonValue.Create(value)).ToArray<JsonNode?>()),
                    ["modes"] = @case.Trains ? new JsonArray("train", "eval") : new JsonArray("eval"),
                });
            }
            File.WriteAllText(Path.Combine(directory, "cases.json"), cases.ToJsonString());

            string script = Path.Combine(AppContext.BaseDirectory, "torch_parity.py");
            ProcessResult python = ProcessRunner.RunAsync(PythonWithTorch.Path!, [script, directory], directory, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
            if (!python.Succeeded) throw new InvalidOperationException("torch_parity.py failed:\n" + python.Describe());

            JsonObject results = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "results.json")))!.AsObject();
            return ParityCase.All.ToDictionary(@case => @case.Name, @case => Read(@case, passes[@case.Name], results[@case.Name]!.AsObject(), directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Training (TrainBatch: batch statistics, running statistics updated) and then evaluation (the batch Forward for the
    /// outputs, one Forward and Backward per sample for the loss and gradient, averaged), as the twin runs them.
    /// </summary>
    private static NetGenPasses RunNetGen(ParityCase @case, INetwork net, float[] inputs, float[] targets)
    {
        INetwork? trained = null;
        float trainLoss = float.NaN;
        float[] trainGradients = [];
        if (@case.Trains)
        {
            trainLoss = net.TrainBatch(inputs, targets, ParityCase.Batch, new NoStep());
            trainGradients = net.Gradients.ToArray();
            trained = net.Clone();
        }

        var outputs = new float[ParityCase.Batch * @case.TargetSteps * net.OutputSize];
        net.Forward(inputs, outputs, ParityCase.Batch);
        int inputRow = inputs.Length / ParityCase.Batch, targetRow = targets.Length / ParityCase.Batch;
        var sampleOutput = new float[targetRow];
        net.ZeroGradients();
        float loss = 0;
        for (int sample = 0; sample < ParityCase.Batch; sample++)
        {
            net.Forward(inputs.AsSpan(sample * inputRow, inputRow), sampleOutput);
            loss += net.Backward(targets.AsSpan(sample * targetRow, targetRow));
        }
        float[] gradients = net.Gradients.ToArray().Select(value => value / ParityCase.Batch).ToArray();
        return new NetGenPasses(trained, trainLoss, trainGradients, net, loss / ParityCase.Batch, gradients, outputs);
    }

    private static CaseResult Read(ParityCase @case, NetGenPasses netGen, JsonObject result, string directory)
    {
        if (result["error"] is { } error) throw new InvalidOperationException($"The PyTorch twin of {@case.Name} failed:\n{error}\nIts source:\n{@case.Source}");
        string[] keys = result["keys"]!.AsArray().Select(key => key!.GetValue<string>()).ToArray();
        string[] names = SafeTensors.ExpectedTensors(netGen.Evaluated).Select(tensor => tensor.Name).ToArray();

        PassResult Pass(string mode, INetwork net, float loss, float[] gradients, float[] outputs)
        {
            INetwork torch = net.Clone();
            SafeTensors.Load(torch, Path.Combine(directory, $"{@case.Name}.{mode}.safetensors"));
            JsonObject values = result[mode]!.AsObject();
            float[] torchOutputs = values["output"] is JsonArray array ? array.Select(value => value!.GetValue<float>()).ToArray() : [];
            return new PassResult(loss, gradients, outputs, net, torch, values["loss"]!.GetValue<float>(), torchOutputs);
        }

        PassResult? training = netGen.Trained is null ? null : Pass("train", netGen.Trained, netGen.TrainLoss, netGen.TrainGradients, []);
        return new CaseResult(keys, names, training, Pass("eval", netGen.Evaluated, netGen.EvalLoss, netGen.EvalGradients, netGen.Outputs));
    }
}
