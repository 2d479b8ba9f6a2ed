using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The main sample and the convolution samples run end to end (the latter on a few images or sequences), each in
/// seconds: it must exit as documented and print its results. The programs are the ones built with this project
/// (NetGen.Tests.csproj references them for the build order only); the convolution samples' full runs take minutes and
/// are described in each sample's README.
/// </summary>
public sealed class SampleSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task FashionMnistWithoutItsDataExitsWithTwoAndPrintsTheInstallCommand()
    {
        string empty = Directory.CreateTempSubdirectory("netgen-fashion-").FullName;
        try
        {
            ProcessResult run = await RunSampleAsync("FashionMnist", "--data", empty);
            Assert.True(run.ExitCode == 2 && !run.TimedOut, run.Describe());
            Assert.Contains("apt-get install dataset-fashion-mnist", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task FashionMnistRejectsAnUnknownRecipeWithTwoAndNamesTheKnownOnes()
    {
        ProcessResult run = await RunSampleAsync("FashionMnist", "--recipe", "sgd");
        Assert.True(run.ExitCode == 2 && !run.TimedOut, run.Describe());
        Assert.Contains("--recipe needs one of adam, cosine, got 'sgd'.", run.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The long recipe (AdamW, cosine schedule) on a few images: the default one is the same program with Adam and no schedule.</summary>
    [FashionMnistFact]
    public async Task FashionMnistTrainsTheCnnsAndTheMlpOnAFewImages()
    {
        ProcessResult run = await RunSampleAsync("FashionMnist", "--recipe", "cosine", "--train-images", "300", "--test-images", "200", "--epochs", "2");
        Assert.True(run.Succeeded, run.Describe());
        Assert.Contains("Results of recipe 'cosine' after 2 epochs", run.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^\s+CNN\s+206,922\s", RegexOptions.Multiline), run.StandardOutput);
        Assert.Matches(new Regex(@"^\s+CNN\+BN\s+207,018\s", RegexOptions.Multiline), run.StandardOutput);
        Assert.Matches(new Regex(@"^\s+MLP\s+101,770\s", RegexOptions.Multiline), run.StandardOutput);
        Assert.Contains("Test accuracy per class:", run.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// The main sample's whole run (seconds): the batch-normalised sigmoid stack trains where the plain one stays at
    /// chance, the deep batch-normalised pair is measured, and both plots are written.
    /// </summary>
    [Fact]
    public async Task GradientFlowTrainsTheBatchNormSigmoidStackWhereThePlainOneStaysAtChance()
    {
        string output = Directory.CreateTempSubdirectory("netgen-gradientflow-").FullName;
        try
        {
            ProcessResult run = await RunSampleAsync("GradientFlow", "--output", output);
            Assert.True(run.Succeeded, run.Describe());
            Assert.Matches(new Regex(@"^\s+SigmoidNet\s+\S+ %\s.*not learning", RegexOptions.Multiline), run.StandardOutput);
            foreach (string name in new[] { "ReluNet", "ResidualSigmoidNet", "BatchNormSigmoidNet" })
                Assert.Matches(new Regex($@"^\s+{name}\s+\S+ %\s.*\strained$", RegexOptions.Multiline), run.StandardOutput);
            Assert.Matches(new Regex(@"^\s+N8\s+BN, Sigmoid\s", RegexOptions.Multiline), run.StandardOutput);
            Assert.Matches(new Regex(@"^\s+DeepBatchNormReluNet\s+ResidualBatchNormReluNet$", RegexOptions.Multiline), run.StandardOutput);
            Assert.Matches(new Regex(@"^\s+R(\s+\S+){4}$", RegexOptions.Multiline), run.StandardOutput);
            foreach (string plot in new[] { "gradient-norms.svg", "gradient-norms-deep-batchnorm.svg" })
                Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(output, plot)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task ResNetClaimTrainsTheThreeNetworksAndWritesThePlot()
    {
        string output = Directory.CreateTempSubdirectory("netgen-resnet-").FullName;
        try
        {
            ProcessResult run = await RunSampleAsync("ResNetClaim", "--samples", "64", "--epochs", "1", "--output", output);
            Assert.True(run.Succeeded, run.Describe());
            foreach (string name in new[] { "Plain20", "Residual20", "Plain8" })
                Assert.Matches(new Regex($@"^\s+{name}\s+\S+\s+\d", RegexOptions.Multiline), run.StandardOutput);
            string svg = File.ReadAllText(Path.Combine(output, "training-error.svg"));
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>A budget far too small for any network: the LSTM fails, so the sample exits with 1, after its table.</summary>
    [Fact]
    public async Task AddingProblemReportsTheTcnBesideTheRecurrentNetworks()
    {
        ProcessResult run = await RunSampleAsync("AddingProblem", "--sequences", "100", "--rnn-sequences", "100");
        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.Describe());
        Assert.Matches(new Regex(@"^\s+TCN\s+100\s", RegexOptions.Multiline), run.StandardOutput);
        Assert.Contains("TCN: not under 1 % wrong", run.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Runs samples/<paramref name="name"/> as built in this project's configuration, from a scratch folder.</summary>
    private static Task<ProcessResult> RunSampleAsync(string name, params string[] arguments)
    {
        // This assembly runs from tests/NetGen.Tests/bin/{configuration}/{framework}/; the sample is built the same way.
        var binary = new DirectoryInfo(AppContext.BaseDirectory);
        string framework = binary.Name, configuration = binary.Parent!.Name;
        DirectoryInfo root = binary;
        while (!File.Exists(Path.Combine(root.FullName, "NetGen.sln"))) root = root.Parent ?? throw new InvalidOperationException($"No NetGen.sln above {binary}.");
        string program = Path.Combine(root.FullName, "samples", name, "bin", configuration, framework, name + ".dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the sample (NetGen.Tests.csproj references it).");
        return ProcessRunner.RunAsync(ProcessRunner.DotnetExecutable, [program, .. arguments], Path.GetTempPath(), Timeout);
    }
}

/// <summary>A fact that needs Fashion-MNIST where the sample looks for it by default; skipped, saying how to install it, elsewhere. .ci/run installs it.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    private const string DataDirectory = "/usr/share/datasets/fashion-mnist";

    public FashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not in {DataDirectory} (Debian: apt-get install dataset-fashion-mnist).";
    }
}
