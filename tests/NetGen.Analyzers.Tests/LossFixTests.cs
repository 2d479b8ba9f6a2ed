using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0007's fix: train the sigmoid output with Loss.BinaryCrossEntropy.</summary>
public sealed class LossFixTests
{
    private const string Layers = """
            [Input(2)] public partial InputLayer In { get; }
            [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
        }
        """;

    private static string Network(string attribute) => "using NetGen;\n\n" + attribute + "\npublic partial class ClassifierNet\n{\n" + Layers;

    [Fact]
    public async Task ReplacesAWrittenMeanSquaredError()
    {
        await Verifier.VerifyCodeFixAsync(
            Network("[Network({|NG0007:Loss = Loss.MeanSquaredError|}, Seed = 7)]"),
            Network("[Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]"),
            "NG0007.Loss");
    }

    [Fact]
    public async Task KeepsTheQualificationOfTheWrittenLoss()
    {
        await Verifier.VerifyCodeFixAsync(
            Network("[Network({|NG0007:Loss = NetGen.Loss.MeanSquaredError|})]"),
            Network("[Network(Loss = NetGen.Loss.BinaryCrossEntropy)]"),
            "NG0007.Loss");
    }

    [Fact]
    public async Task AddsTheLossAfterTheOtherArguments()
    {
        // With nothing written to copy, the fix names the enum fully (global::NetGen.Loss) and lets the
        // simplifier shorten it as far as the usings allow: Loss.BinaryCrossEntropy under `using NetGen;`.
        await Verifier.VerifyCodeFixAsync(
            Network("[{|NG0007:Network(Seed = 7)|}]"),
            Network("[Network(Seed = 7, Loss = Loss.BinaryCrossEntropy)]"),
            "NG0007.Loss");
    }

    [Fact]
    public async Task AddsAnArgumentListToABareAttribute()
    {
        await Verifier.VerifyCodeFixAsync(
            Network("[{|NG0007:Network|}]"),
            Network("[Network(Loss = Loss.BinaryCrossEntropy)]"),
            "NG0007.Loss");
    }
}
