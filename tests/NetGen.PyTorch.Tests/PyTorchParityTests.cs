using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.PyTorch.Tests;

/// <summary>
/// Each network's generated PyTorch twin, run by PyTorch on NetGen's weights (saved as safetensors), against NetGen:
/// the state_dict keys, and in training and in evaluation the loss, every parameter's gradient and (training) the
/// running statistics, and (evaluation) the outputs. Agreement means |NetGen − PyTorch| ≤ 1e-5 · max(1, |NetGen|):
/// absolute below 1, relative above.
/// </summary>
public sealed class PyTorchParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => new(ParityCase.All.Select(@case => @case.Name));

    public static TheoryData<string> TrainingCases() => new(ParityCase.All.Where(@case => @case.Trains).Select(@case => @case.Name));

    [TorchTheory]
    [MemberData(nameof(Cases))]
    public void StateDictKeysAreTheTensorNamesInOrder(string name)
    {
        CaseResult result = ParityRun.Of(name);
        Assert.Equal(result.TensorNames, result.TorchKeys);
    }

    [TorchTheory]
    [MemberData(nameof(TrainingCases))]
    public void TrainingPassMatches(string name)
    {
        PassResult pass = ParityRun.Of(name).Training!;
        Compare("training loss", [pass.Loss], [pass.TorchLoss]);
        Compare("training gradients", pass.Gradients, pass.Torch.Parameters.ToArray());
        Compare("running statistics", pass.Net.Buffers.ToArray(), pass.Torch.Buffers.ToArray());
        Assert.Equal(pass.Net.Counters.ToArray(), pass.Torch.Counters.ToArray());
    }

    [TorchTheory]
    [MemberData(nameof(Cases))]
    public void EvaluationPassMatches(string name)
    {
        PassResult pass = ParityRun.Of(name).Evaluation;
        Compare("outputs", pass.Outputs, pass.TorchOutputs);
        Compare("evaluation loss", [pass.Loss], [pass.TorchLoss]);
        Compare("evaluation gradients", pass.Gradients, pass.Torch.Parameters.ToArray());
    }

    /// <summary>Asserts agreement value by value and reports the largest differences, absolute and relative.</summary>
    private void Compare(string what, float[] netGen, float[] torch)
    {
        Assert.Equal(netGen.Length, torch.Length);
        double maxAbsolute = 0, maxRelative = 0;
        for (int i = 0; i < netGen.Length; i++)
        {
            double difference = Math.Abs((double)netGen[i] - torch[i]);
            maxAbsolute = Math.Max(maxAbsolute, difference);
            if (netGen[i] != 0) maxRelative = Math.Max(maxRelative, difference / Math.Abs(netGen[i]));
            Assert.True(difference <= Tolerance * Math.Max(1, Math.Abs(netGen[i])), $"{what}[{i}]: NetGen {netGen[i]:R}, PyTorch {torch[i]:R}");
        }
        output.WriteLine($"{what}: {netGen.Length} values, max |Δ| {maxAbsolute:E2}, max relative {maxRelative:E2} (torch {PythonWithTorch.TorchVersion})");
    }
}
