using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests.EndToEnd;

/// <summary>
/// The analyzer and its fix as a user meets them: a consumer project outside the repository, built with
/// the real <c>dotnet build</c> (the generator implements the layers, the analyzer warns), then repaired with
/// <c>dotnet format analyzers</c> and built again.
/// </summary>
public sealed class ConsumerBuildTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;

    public ConsumerBuildTests(ITestOutputHelper output) => _output = output;

    private const string DeepSigmoidProgram = """
        using System;
        using NetGen;

        Console.WriteLine(DeepSigmoidNet.ParameterCount);

        [Network(Loss = Loss.MeanSquaredError, Seed = 3)]
        public partial class DeepSigmoidNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    /// <summary>Where NG0001 is shown: Hidden1's activation argument, as (line, column), both 1-based.</summary>
    private static (int Line, int Column) FirstActivation()
    {
        string[] lines = DeepSigmoidProgram.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains("Hidden1", StringComparison.Ordinal));
        return (line + 1, lines[line].IndexOf("Activation.Sigmoid", StringComparison.Ordinal) + 1);
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task DotnetBuildWarnsNG0001AndDotnetFormatAppliesTheReluFix()
    {
        string repoRoot = FindRepoRoot();
        string temp = Path.Combine(Path.GetTempPath(), "netgen-analyzer-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        string consumer = Path.Combine(temp, "consumer");
        Directory.CreateDirectory(consumer);
        _output.WriteLine($"work: {temp}");
        bool passed = false;
        try
        {
            string project = WriteConsumer(consumer, repoRoot);
            string program = Path.Combine(consumer, "Program.cs");
            // Debug, the configuration dotnet format's workspace loads: the analyzer paths it resolves are those built.
            // Everything (the repository projects included) builds into <temp>/artifacts, so the test neither races
            // other builds in the work tree nor reuses their outputs. As environment variables these reach every
            // project and also the workspace that dotnet format loads (it takes no -p: switches).
            var environment = new Dictionary<string, string?>
            {
                ["UseArtifactsOutput"] = "true",
                ["ArtifactsPath"] = Path.Combine(temp, "artifacts"),
            };

            ProcessResult build = await DotnetAsync(consumer, environment, "build", project, "--disable-build-servers", "-nodeReuse:false");
            AssertSucceeded(build, "dotnet build (before the fix)");
            (int line, int column) = FirstActivation();
            string expected = $"Program.cs({line},{column}): warning NG0001";
            Assert.True(build.StandardOutput.Contains(expected, StringComparison.Ordinal),
                $"The build output does not contain '{expected}'.\n{build.Describe()}");
            Assert.Matches(new Regex(@"warning NG0001: Hidden1–Hidden6: 6 sigmoid layers without a skip connection; predicted gradient ratio \S+"), build.StandardOutput);

            ProcessResult format = await DotnetAsync(consumer, environment, "format", "analyzers", project, "--diagnostics", "NG0001", "--severity", "warn", "--no-restore", "-v", "diag");
            AssertSucceeded(format, "dotnet format analyzers");
            string fixedProgram = File.ReadAllText(program);
            _output.WriteLine(fixedProgram);
            Assert.True(!fixedProgram.Contains("Activation.Sigmoid", StringComparison.Ordinal)
                        && Regex.Matches(fixedProgram, Regex.Escape("[Dense(16, Activation.Relu, Init = Init.He)]")).Count == 6,
                "dotnet format did not switch the six layers to ReLU with He.\n" + fixedProgram + "\n" + format.Describe());

            ProcessResult rebuild = await DotnetAsync(consumer, environment, "build", project, "--no-restore", "--disable-build-servers", "-nodeReuse:false");
            AssertSucceeded(rebuild, "dotnet build (after the fix)");
            Assert.False(rebuild.StandardOutput.Contains("NG0001", StringComparison.Ordinal),
                "NG0001 is still reported after the fix.\n" + rebuild.Describe());
            passed = true;
        }
        finally
        {
            // Kept on failure for inspection; the path is in the test output.
            if (passed) TryDelete(temp);
        }
    }

    private static string WriteConsumer(string folder, string repoRoot)
    {
        string props = Path.Combine(repoRoot, "src", "NetGen.Reference.props");
        string codeFixes = Path.Combine(repoRoot, "analyzers", "NetGen.CodeFixes", "NetGen.CodeFixes.csproj");
        string project = Path.Combine(folder, "Consumer.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              <Import Project="{props}" />
              <ItemGroup>
                <!-- NetGen.Reference.props brings the analyzer but not its code fixes, which dotnet format needs
                     (the NuGet package ships both). -->
                <ProjectReference Include="{codeFixes}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), DeepSigmoidProgram);
        // Stop the search for Directory.Build.props, Directory.Packages.props and global.json at this folder:
        // the consumer stands for a user's project, not the repository's.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        return project;
    }

    private async Task<ProcessResult> DotnetAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        ProcessResult result = await ProcessRunner.RunAsync(ProcessRunner.DotnetExecutable, arguments, workingDirectory, CommandTimeout, environment);
        _output.WriteLine($"{result.CommandLine}: exit {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static void AssertSucceeded(ProcessResult result, string what)
        => Assert.True(result.Succeeded, $"{what} failed.\n{result.Describe()}");

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static void TryDelete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { /* a lingering process holds a file: the temp folder is cleaned eventually */ }
        catch (UnauthorizedAccessException) { }
    }
}
