using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>Builds of samples/ShipWeights share the repository's obj folders: one at a time, after the parallel tests.</summary>
[CollectionDefinition(nameof(ShipWeightsSampleTests), DisableParallelization = true)]
public sealed class ShipWeightsCollection;

/// <summary>
/// samples/ShipWeights/App ships a trained network with its weights compiled in ([Network(Weights)], the committed
/// ring.safetensors that samples/ShipWeights/Train wrote): built with <c>dotnet build</c> and run, it classifies from
/// the trained weights with no file beside it; published with NativeAOT (its project sets PublishAot), the native binary prints what the JIT run prints.
/// </summary>
[Collection(nameof(ShipWeightsSampleTests))]
public sealed class ShipWeightsSampleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly string App = Path.Combine(FindRepoRoot(), "samples", "ShipWeights", "App");
    private static readonly Regex NumberLine = new(@"^(?<label>.+) = (?<y>[-+0-9.eE]+)$");

    [Fact]
    [Trait("Category", "Package")]
    public async Task TheAppBuildsAndRunsFromItsCompiledInWeightsWithNoFileToShip()
    {
        ProcessResult run = await BuildAndRun();

        Match accuracy = Regex.Match(run.StandardOutput, @"grid accuracy = (?<correct>\d+)/441");
        Assert.True(accuracy.Success, run.Describe());
        Assert.InRange(int.Parse(accuracy.Groups["correct"].Value, CultureInfo.InvariantCulture), 380, 441);
        Assert.Contains("batches tracked = 1500", run.StandardOutput);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(AppDll())!, "*.safetensors"));
    }

    [NativeAotFact]
    [Trait("Category", "Package")]
    public async Task TheAppPublishedWithNativeAotPrintsWhatTheJitRunPrints()
    {
        ProcessResult jit = await BuildAndRun();
        string publishDirectory = Directory.CreateTempSubdirectory("netgen-shipweights-aot-").FullName;
        try
        {
            ProcessResult publish = await Dotnet(["publish", App, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", publishDirectory]);
            Assert.True(publish.Succeeded, publish.Describe());
            Assert.DoesNotMatch(@"warning IL\d{4}", publish.StandardOutput);
            string binary = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "App.exe" : "App");
            ProcessResult aot = await ProcessRunner.RunAsync(binary, [], publishDirectory, Timeout);
            Assert.True(aot.Succeeded, aot.Describe());
            output.WriteLine(aot.StandardOutput);

            // Other instruction sets round in other places (docs/api.md, Reproducibility): the probabilities within 1e-6
            // (absolute: a sigmoid far in its tail, 5.6e-7, amplifies a logit's last bit to 2e-6 relative).
            string[] jitLines = Lines(jit.StandardOutput), aotLines = Lines(aot.StandardOutput);
            Assert.Equal(jitLines.Length, aotLines.Length);
            foreach ((string j, string a) in jitLines.Zip(aotLines))
            {
                Match jitNumber = NumberLine.Match(j), aotNumber = NumberLine.Match(a);
                if (!jitNumber.Success || !double.TryParse(jitNumber.Groups["y"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
                {
                    Assert.Equal(j, a);
                    continue;
                }
                Assert.Equal(jitNumber.Groups["label"].Value, aotNumber.Groups["label"].Value);
                double z = double.Parse(aotNumber.Groups["y"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(y - z) <= 1e-6, $"{j} (JIT) against {a} (AOT)");
            }
        }
        finally
        {
            Directory.Delete(publishDirectory, recursive: true);
        }
    }

    private async Task<ProcessResult> BuildAndRun()
    {
        ProcessResult build = await Dotnet(["build", App, "-c", "Release"]);
        Assert.True(build.Succeeded, build.Describe());
        ProcessResult run = await Dotnet([AppDll()]);
        Assert.True(run.Succeeded, run.Describe());
        output.WriteLine(run.StandardOutput);
        return run;
    }

    private async Task<ProcessResult> Dotnet(string[] arguments)
    {
        ProcessResult result = await ProcessRunner.RunAsync(ProcessRunner.DotnetExecutable, arguments, App, Timeout);
        output.WriteLine($"{result.CommandLine}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static string AppDll() => Path.Combine(App, "bin", "Release", "net10.0", "App.dll");

    private static string[] Lines(string text) => text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length != 0).ToArray();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }
}
