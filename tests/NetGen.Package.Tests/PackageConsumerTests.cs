using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// End to end: pack src/NetGen, consume the .nupkg from a fresh project outside the repository (own
/// nuget.config, own global packages folder, no central package management), build it and run it, and publish
/// the same consumer with NativeAOT. This is the only test that shows the generator really ships in the package
/// as an analyzer, and that the runtime and the code it generates compile ahead of time without a warning.
/// </summary>
public sealed class PackageConsumerTests : IClassFixture<PackedConsumer>
{
    private const string PackageVersion = PackedConsumer.PackageVersion;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How far the AOT binary's outputs may be from the JIT run's (relative): other instruction sets
    /// round in other places (docs/api.md, Reproducibility).</summary>
    private const double AotTolerance = 1e-6;

    private readonly PackedConsumer _consumer;
    private readonly ITestOutputHelper _output;

    public PackageConsumerTests(PackedConsumer consumer, ITestOutputHelper output)
    {
        _consumer = consumer;
        _output = output;
        _output.WriteLine(consumer.Log);
    }

    [Fact]
    [Trait("Category", "Package")]
    public async Task PackedPackageBuildsTrainsSavesAndFixesInAFreshConsumer()
    {
        bool passed = false;
        try
        {
            // 1. Pack (done once by the fixture for both tests).
            ProcessResult pack = _consumer.Pack;
            AssertSucceeded(pack, "dotnet pack");
            string nupkg = _consumer.Nupkg;
            Assert.True(File.Exists(nupkg), $"{nupkg} was not produced; the feed holds: {string.Join(", ", Directory.GetFiles(_consumer.Feed).Select(Path.GetFileName))}\n{pack.Describe()}");
            AssertPackageLayout(nupkg);

            // 2., 3. A consumer that knows nothing of the repository, built (restoring from the local feed first,
            //    then the registry) and run by the fixture.
            ProcessResult? build = _consumer.Build;
            AssertSucceeded(build, "dotnet build (consumer)");
            // The packaged analyzer warns about the deep sigmoid stack, with file, line and column.
            Assert.True(Regex.IsMatch(build.StandardOutput, @"Program\.cs\(\d+,\d+\): warning NG0001: H1–H6: 6 sigmoid layers"),
                "The build did not show NG0001 for DeepSigmoid.\n" + build.Describe());
            Assert.True(Directory.Exists(Path.Combine(_consumer.Packages, "netgen", PackageVersion)),
                $"NetGen {PackageVersion} was not restored into the isolated packages folder {_consumer.Packages}.\n{build.Describe()}");

            ProcessResult? run = _consumer.Run;
            AssertSucceeded(run, "dotnet run (consumer)");
            _output.WriteLine(run.StandardOutput);
            AssertConsumerOutput(run);

            // 4. The packaged code fixes, through dotnet format, two rules in one run (each used to need its own run:
            //    "didn't return a Fix All action"): NG0007's fix switches the loss to binary cross-entropy, NG0001's
            //    default fix makes DeepSigmoid's hidden layers ReLU with He initialisation.
            string consumer = _consumer.Consumer;
            var isolated = _consumer.Isolated;
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
            if (!passed) _consumer.KeepForInspection(_output);
        }
    }

    /// <summary>
    /// The same consumer, published with NativeAOT (a separate copy of it, so that the JIT test's restore and
    /// format steps are not disturbed): no trim or AOT warning from the runtime or the generated code, and the
    /// native binary prints what the JIT run printed, its trained outputs within <see cref="AotTolerance"/>.
    /// </summary>
    [NativeAotFact]
    [Trait("Category", "Package")]
    public async Task PackedPackagePublishesWithNativeAotAndTheBinaryMatchesTheJitRun()
    {
        bool passed = false;
        try
        {
            AssertSucceeded(_consumer.Pack, "dotnet pack");
            AssertSucceeded(_consumer.Build, "dotnet build (consumer)");
            ProcessResult? jit = _consumer.Run;
            AssertSucceeded(jit, "dotnet run (consumer)");

            string publishDirectory = Path.Combine(_consumer.Temp, "aot");
            ProcessResult publish = await DotnetAsync(_consumer.AotConsumer,
                ["publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", publishDirectory],
                _consumer.Isolated, PublishTimeout);
            AssertSucceeded(publish, "dotnet publish -p:PublishAot=true (consumer)");
            MatchCollection aotWarnings = Regex.Matches(publish.StandardOutput, @"warning IL\d{4}.*$", RegexOptions.Multiline);
            Assert.True(aotWarnings.Count == 0, "The AOT publish warned:\n" + string.Join("\n", aotWarnings.Select(m => m.Value)) + "\n" + publish.Describe());

            string binary = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "Consumer.exe" : "Consumer");
            Assert.True(File.Exists(binary), $"The AOT publish produced no {binary}.\n{publish.Describe()}");
            Assert.False(File.Exists(Path.Combine(publishDirectory, "Consumer.dll")), "The publish output holds Consumer.dll: it was not compiled ahead of time.\n" + publish.Describe());
            ProcessResult aot = await ProcessRunner.RunAsync(binary, [], publishDirectory, CommandTimeout);
            _output.WriteLine($"{aot.CommandLine}: exit {aot.ExitCode}{(aot.TimedOut ? " (timed out)" : "")} in {aot.Elapsed.TotalSeconds:F1} s");
            AssertSucceeded(aot, "the AOT-compiled consumer");
            _output.WriteLine(aot.StandardOutput);
            AssertConsumerOutput(aot);

            // Line by line as the JIT run printed them; the numbers ("label = number") within AotTolerance.
            string[] jitLines = Lines(jit.StandardOutput), aotLines = Lines(aot.StandardOutput);
            Assert.True(jitLines.Length == aotLines.Length, $"The JIT run printed {jitLines.Length} lines, the AOT binary {aotLines.Length}.\n--- JIT ---\n{jit.StandardOutput}\n--- AOT ---\n{aot.StandardOutput}");
            double largest = 0;
            for (int i = 0; i < jitLines.Length; i++)
            {
                Match j = NumberLine.Match(jitLines[i]), a = NumberLine.Match(aotLines[i]);
                if (!j.Success || !a.Success || j.Groups["label"].Value != a.Groups["label"].Value)
                {
                    Assert.True(jitLines[i] == aotLines[i], $"Line {i}: the JIT run printed '{jitLines[i]}', the AOT binary '{aotLines[i]}'.");
                    continue;
                }
                double yJit = Parse(j.Groups["y"].Value), yAot = Parse(a.Groups["y"].Value);
                double relative = yJit == yAot ? 0 : Math.Abs(yAot - yJit) / Math.Max(Math.Abs(yJit), Math.Abs(yAot));
                _output.WriteLine($"{j.Groups["label"].Value}: JIT {yJit:R}, AOT {yAot:R}, relative difference {relative:E2}");
                largest = Math.Max(largest, relative);
                Assert.True(relative <= AotTolerance, $"{j.Groups["label"].Value}: the JIT run gave {yJit:R}, the AOT binary {yAot:R} ({relative:E2} relative, more than {AotTolerance:E0}).");
            }
            _output.WriteLine($"AOT against JIT: largest relative difference {largest:E2}; publish took {publish.Elapsed.TotalSeconds:F1} s.");
            passed = true;
        }
        finally
        {
            if (!passed) _consumer.KeepForInspection(_output);
        }
    }

    private static readonly Regex NumberLine = new(@"^(?<label>.+) = (?<y>[-+0-9.eE]+)$");

    private static string[] Lines(string text) => text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length != 0).ToArray();

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The consumer trained XOR, printed its parameter count and round-tripped its weights.</summary>
    private static void AssertConsumerOutput(ProcessResult run)
    {
        Assert.True(run.StandardOutput.Contains("XorNet.ParameterCount == 17", StringComparison.Ordinal),
            "The consumer did not print 'XorNet.ParameterCount == 17'.\n" + run.Describe());
        double[] expected = [0, 1, 1, 0];
        MatchCollection outputs = Regex.Matches(run.StandardOutput, @"^xor (?<a>[01]) (?<b>[01]) = (?<y>\S+)\s*$", RegexOptions.Multiline);
        Assert.True(outputs.Count == 4, $"Expected 4 'xor a b = y' lines, found {outputs.Count}.\n" + run.Describe());
        for (int i = 0; i < 4; i++)
        {
            double y = Parse(outputs[i].Groups["y"].Value);
            Assert.True(Math.Round(y, MidpointRounding.AwayFromZero) == expected[i],
                $"Sample {i} ({outputs[i].Groups["a"].Value} xor {outputs[i].Groups["b"].Value}) gave {y}, which does not round to {expected[i]}.\n" + run.Describe());
        }
        Assert.True(run.StandardOutput.Contains("safetensors round trip identical: True", StringComparison.Ordinal),
            "The consumer's safetensors round trip did not give identical parameters.\n" + run.Describe());
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

    private async Task<ProcessResult> DotnetAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        await PackedConsumer.DotnetAsync(workingDirectory, arguments, environment, timeout ?? CommandTimeout, _output.WriteLine);

    private static void AssertSucceeded([NotNull] ProcessResult? result, string what)
    {
        Assert.True(result is not null, $"{what} did not run: an earlier step failed.");
        Assert.True(result.Succeeded, $"{what} failed.\n{result.Describe()}");
    }
}
