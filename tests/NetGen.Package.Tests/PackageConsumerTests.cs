using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// End to end: pack src/NetGen, consume the .nupkg from a fresh project outside the repository (own
/// nuget.config, own global packages folder, no central package management), build it and run it.
/// This is the only test that shows the generator really ships in the package as an analyzer.
/// </summary>
public sealed class PackageConsumerTests
{
    private const string PackageVersion = "0.1.0";
    private const string RegistrySource = "https://api.nuget.org/v3/index.json";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;

    public PackageConsumerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    [Trait("Category", "Package")]
    public async Task PackedPackageBuildsTrainsSavesAndFixesInAFreshConsumer()
    {
        string repoRoot = FindRepoRoot();
        string temp = Path.Combine(Path.GetTempPath(), "netgen-package-test-" + Guid.NewGuid().ToString("N")[..12]);
        string feed = Path.Combine(temp, "feed");
        string consumer = Path.Combine(temp, "consumer");
        string packages = Path.Combine(temp, "packages");
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(consumer);
        _output.WriteLine($"repo: {repoRoot}");
        _output.WriteLine($"work: {temp}");
        bool passed = false;
        try
        {
            // 1. Pack. Its bin/obj go to <temp>/artifacts, so the test neither races other builds in the
            //    work tree nor reuses their (possibly Debug or stale) outputs.
            ProcessResult pack = await DotnetAsync(repoRoot,
            [
                "pack", Path.Combine(repoRoot, "src", "NetGen"), "-c", "Release", "-o", feed,
                "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(temp, "artifacts"),
            ]);
            AssertSucceeded(pack, "dotnet pack");
            string nupkg = Path.Combine(feed, $"NetGen.{PackageVersion}.nupkg");
            Assert.True(File.Exists(nupkg), $"{nupkg} was not produced; the feed holds: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}\n{pack.Describe()}");
            AssertPackageLayout(nupkg);

            // 2. A consumer that knows nothing of the repository.
            WriteConsumer(consumer, feed, packages);

            // 3. Build (restores from the local feed first, then the registry) and run.
            var isolated = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packages };
            ProcessResult build = await DotnetAsync(consumer, ["build", "-c", "Release"], isolated);
            AssertSucceeded(build, "dotnet build (consumer)");
            // The packaged analyzer warns about the deep sigmoid stack, with file, line and column.
            Assert.True(Regex.IsMatch(build.StandardOutput, @"Program\.cs\(\d+,\d+\): warning NG0001: H1–H6: 6 sigmoid layers"),
                "The build did not show NG0001 for DeepSigmoid.\n" + build.Describe());
            Assert.True(Directory.Exists(Path.Combine(packages, "netgen", PackageVersion)),
                $"NetGen {PackageVersion} was not restored into the isolated packages folder {packages}.\n{build.Describe()}");

            ProcessResult run = await DotnetAsync(consumer, ["run", "--no-build", "-c", "Release"], isolated);
            AssertSucceeded(run, "dotnet run (consumer)");
            _output.WriteLine(run.StandardOutput);

            Assert.True(run.StandardOutput.Contains("XorNet.ParameterCount == 17", StringComparison.Ordinal),
                "The consumer did not print 'XorNet.ParameterCount == 17'.\n" + run.Describe());
            double[] expected = [0, 1, 1, 0];
            MatchCollection outputs = Regex.Matches(run.StandardOutput, @"^xor (?<a>[01]) (?<b>[01]) = (?<y>\S+)\s*$", RegexOptions.Multiline);
            Assert.True(outputs.Count == 4, $"Expected 4 'xor a b = y' lines, found {outputs.Count}.\n" + run.Describe());
            for (int i = 0; i < 4; i++)
            {
                double y = double.Parse(outputs[i].Groups["y"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(Math.Round(y, MidpointRounding.AwayFromZero) == expected[i],
                    $"Sample {i} ({outputs[i].Groups["a"].Value} xor {outputs[i].Groups["b"].Value}) gave {y}, which does not round to {expected[i]}.\n" + run.Describe());
            }
            Assert.True(run.StandardOutput.Contains("safetensors round trip identical: True", StringComparison.Ordinal),
                "The consumer's safetensors round trip did not give identical parameters.\n" + run.Describe());

            // 4. The packaged code fixes, through dotnet format, two rules in one run (each used to need its own run:
            //    "didn't return a Fix All action"): NG0007's fix switches the loss to binary cross-entropy, NG0001's
            //    default fix makes DeepSigmoid's hidden layers ReLU with He initialisation.
            Assert.True(Regex.IsMatch(build.StandardOutput, @"Program\.cs\(\d+,\d+\): warning NG0007"), "The build did not show NG0007 for Probability.\n" + build.Describe());
            ProcessResult format = await DotnetAsync(consumer, ["format", "analyzers", "--diagnostics", "NG0001", "NG0007", "--severity", "warn", "--no-restore"], isolated);
            AssertSucceeded(format, "dotnet format analyzers (consumer)");
            Assert.False((format.StandardOutput + format.StandardError).Contains("Unable to fix", StringComparison.Ordinal), "dotnet format could not apply a fix.\n" + format.Describe());
            string program = File.ReadAllText(Path.Combine(consumer, "Program.cs"));
            Assert.True(!program.Contains("Loss = Loss.MeanSquaredError", StringComparison.Ordinal) && program.Contains("[Network(Loss = Loss.BinaryCrossEntropy)]", StringComparison.Ordinal),
                "dotnet format did not switch Probability's loss to binary cross-entropy.\n" + program + "\n" + format.Describe());
            Assert.True(Regex.Matches(program, @"\[Dense\(32, Activation\.Relu, Init = Init\.He\)\]").Count == 6,
                "dotnet format did not make DeepSigmoid's six hidden layers ReLU with He initialisation.\n" + program + "\n" + format.Describe());
            ProcessResult rebuild = await DotnetAsync(consumer, ["build", "-c", "Release", "--no-restore"], isolated);
            AssertSucceeded(rebuild, "dotnet build (consumer, after the fix)");
            Assert.False(rebuild.StandardOutput.Contains("NG0007", StringComparison.Ordinal), "NG0007 is still reported after the fix.\n" + rebuild.Describe());
            Assert.False(rebuild.StandardOutput.Contains("NG0001", StringComparison.Ordinal), "NG0001 is still reported after the fix.\n" + rebuild.Describe());
            passed = true;
        }
        finally
        {
            if (passed) TryDelete(temp);
            else _output.WriteLine($"Kept {temp} for inspection.");
        }
    }

    /// <summary>lib/net10.0 holds the runtime and its docs, analyzers/dotnet/cs the generator, and the generator is no dependency.</summary>
    private static void AssertPackageLayout(string nupkg)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        string[] entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToArray();
        string listing = string.Join("\n", entries);
        foreach (string required in new[] { "lib/net10.0/NetGen.dll", "lib/net10.0/NetGen.xml", "analyzers/dotnet/cs/NetGen.Generators.dll",
                                            "analyzers/dotnet/cs/NetGen.Analyzers.dll", "analyzers/dotnet/cs/NetGen.CodeFixes.dll" })
            Assert.True(entries.Contains(required, StringComparer.OrdinalIgnoreCase), $"{required} is missing from the package:\n{listing}");
        string[] misplaced = entries.Where(e => e.EndsWith("NetGen.Generators.dll", StringComparison.OrdinalIgnoreCase)
                                                && !e.StartsWith("analyzers/dotnet/cs/", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(misplaced.Length == 0, $"The generator must ship only as an analyzer, but is also at: {string.Join(", ", misplaced)}");

        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        XDocument nuspec;
        using (Stream stream = nuspecEntry.Open()) nuspec = XDocument.Load(stream);
        string[] dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string?)e.Attribute("id") ?? "").ToArray();
        Assert.True(dependencies.Contains("System.Numerics.Tensors", StringComparer.OrdinalIgnoreCase),
            $"The package must depend on System.Numerics.Tensors; its dependencies: [{string.Join(", ", dependencies)}]\n{nuspec}");
        Assert.True(!dependencies.Contains("NetGen.Generators", StringComparer.OrdinalIgnoreCase),
            $"The package must not depend on NetGen.Generators; its dependencies: [{string.Join(", ", dependencies)}]\n{nuspec}");
    }

    private static void WriteConsumer(string consumer, string feed, string packages)
    {
        // Stop MSBuild's upward search for Directory.* files, wherever the temp folder is.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");

        // The local feed first, the registry second; a private global packages folder so that a NetGen 0.1.0
        // restored earlier into the user cache is never used instead of the package just built.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Xml(packages)}" />
              </config>
              <packageSources>
                <clear />
                <add key="netgen-local" value="{Xml(feed)}" />
                <add key="nuget.org" value="{RegistrySource}" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="netgen-local">
                  <package pattern="NetGen" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>

            """);

        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The deep sigmoid network is there to be warned about. -->
                <WarningsNotAsErrors>NG0001;NG0007</WarningsNotAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{PackageVersion}" />
              </ItemGroup>
            </Project>

            """);

        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using System.Globalization;
            using NetGen;

            var net = new XorNet();
            var optimizer = new Sgd(learningRate: 0.5f, momentum: 0.9f);
            float[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
            float[][] targets = [[0], [1], [1], [0]];
            for (int epoch = 0; epoch < 2000; epoch++)
                for (int i = 0; i < inputs.Length; i++)
                    net.TrainStep(inputs[i], targets[i], optimizer);

            Console.WriteLine($"XorNet.ParameterCount == {XorNet.ParameterCount}");
            Span<float> output = stackalloc float[XorNet.OutputSize];
            for (int i = 0; i < inputs.Length; i++)
            {
                net.Forward(inputs[i], output);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"xor {inputs[i][0]} {inputs[i][1]} = {output[0]:R}"));
            }

            // The trained weights through a safetensors file into a network that started elsewhere.
            SafeTensors.Save(net, "xor.safetensors");
            var restored = new XorNet(seed: 99);
            SafeTensors.Load(restored, "xor.safetensors");
            Console.WriteLine($"safetensors round trip identical: {net.Parameters.SequenceEqual(restored.Parameters)}");

            [Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }

            // NG0007 (a sigmoid output trained with mean squared error) has one fix, which dotnet format applies (with NG0001's).
            [Network(Loss = Loss.MeanSquaredError)]
            public partial class Probability
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }

            [Network(Loss = Loss.CrossEntropy)]
            public partial class DeepSigmoid
            {
                [Input(32)] public partial InputLayer In { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H1 { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H2 { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H3 { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H4 { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H5 { get; }
                [Dense(32, Activation.Sigmoid)] public partial DenseLayer H6 { get; }
                [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
            }

            """);
    }

    private async Task<ProcessResult> DotnetAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // No build server or MSBuild node may outlive the test.
        string[] all = arguments[0] is "pack" or "build" or "run"
            ? [.. arguments, "--disable-build-servers", .. arguments[0] is "run" ? Array.Empty<string>() : ["-nodeReuse:false"]]
            : arguments;
        ProcessResult result = await ProcessRunner.RunAsync(ProcessRunner.DotnetExecutable, all, workingDirectory, CommandTimeout, environment);
        _output.WriteLine($"{result.CommandLine}: exit {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static void AssertSucceeded(ProcessResult result, string what) =>
        Assert.True(result.Succeeded, $"{what} failed.\n{result.Describe()}");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }

    private static string Xml(string text) => new XText(text).ToString();

    private static void TryDelete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { /* best effort: the OS cleans the temp folder */ }
        catch (UnauthorizedAccessException) { }
    }
}
