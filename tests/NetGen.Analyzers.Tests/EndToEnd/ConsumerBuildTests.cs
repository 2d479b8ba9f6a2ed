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

    /// <summary>An invalid network (BinaryCrossEntropy needs a sigmoid output: NG1011) and code that uses it.</summary>
    private const string InvalidNetworkProgram = """
        using System;
        using NetGen;

        var net = new Bad(seed: 1);
        Console.WriteLine(Bad.Summary);
        var output = new float[Bad.OutputSize];
        net.Forward(new float[Bad.InputSize], output);
        Console.WriteLine(net.Backward(output) + Bad.ParameterCount);

        [Network(Loss = Loss.BinaryCrossEntropy)]
        public partial class Bad
        {
            [Input(2)]                  public partial InputLayer In { get; }
            [Dense(1, Activation.Tanh)] public partial DenseLayer Out { get; }
        }
        """;

    /// <summary>
    /// A newcomer's invalid network, built from the command line: the first error printed is the NG1xxx one that
    /// explains it, and no CS0117/CS1061 (members missing because nothing was generated) comes before or after it.
    /// </summary>
    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task DotnetBuildOfAnInvalidNetworkPrintsTheNG1xxxErrorFirstAndNoCascade()
    {
        string repoRoot = FindRepoRoot();
        string temp = Path.Combine(Path.GetTempPath(), "netgen-invalid-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        string consumer = Path.Combine(temp, "consumer");
        Directory.CreateDirectory(consumer);
        _output.WriteLine($"work: {temp}");
        bool passed = false;
        try
        {
            string project = WriteConsumer(consumer, repoRoot, InvalidNetworkProgram, withCodeFixes: false);
            var environment = new Dictionary<string, string?>
            {
                ["UseArtifactsOutput"] = "true",
                ["ArtifactsPath"] = Path.Combine(temp, "artifacts"),
            };

            ProcessResult build = await DotnetAsync(consumer, environment, "build", project, "--disable-build-servers", "-nodeReuse:false");
            Assert.False(build.Succeeded, "The build of an invalid network succeeded.\n" + build.Describe());
            string[] errors = build.StandardOutput.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).ToArray();
            Assert.True(errors.Length > 0, "The build printed no error.\n" + build.Describe());
            Assert.True(errors[0].Contains("error NG1011", StringComparison.Ordinal),
                $"The first error is not NG1011 but: {errors[0]}\n{build.Describe()}");
            Assert.True(errors.All(line => Regex.IsMatch(line, @": error NG1\d{3}:")),
                "The build printed errors besides the NG1xxx ones:\n" + string.Join("\n", errors.Where(line => !line.Contains("error NG1", StringComparison.Ordinal))));
            foreach (string cascade in new[] { "CS0117", "CS1061", "CS9248", "CS1729" })
                Assert.False(build.StandardOutput.Contains(cascade, StringComparison.Ordinal), $"{cascade} in the build output.\n{build.Describe()}");
            passed = true;
        }
        finally
        {
            if (passed) TryDelete(temp);
        }
    }

    private static string WriteConsumer(string folder, string repoRoot, string programText = DeepSigmoidProgram, bool withCodeFixes = true)
    {
        string props = Path.Combine(repoRoot, "src", "NetGen.Reference.props");
        string codeFixes = Path.Combine(repoRoot, "analyzers", "NetGen.CodeFixes", "NetGen.CodeFixes.csproj");
        string project = Path.Combine(folder, "Consumer.csproj");
        // NetGen.Reference.props brings the analyzer but not its code fixes, which dotnet format needs (the NuGet package ships both).
        string fixes = withCodeFixes
            ? $"""<ItemGroup><ProjectReference Include="{codeFixes}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" /></ItemGroup>"""
            : "";
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
              {fixes}
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), programText);
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
