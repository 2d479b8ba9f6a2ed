using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// Done once for <see cref="PackageConsumerTests"/>: packs src/NetGen into a local feed, writes the consumer
/// project twice (one copy for the JIT build, run and code fix, one for the NativeAOT publish), then builds and
/// runs the first. Nothing is asserted here: the tests assert on the recorded results, step by step.
/// </summary>
public sealed class PackedConsumer : IAsyncLifetime
{
    public const string PackageVersion = "0.1.0";
    private const string RegistrySource = "https://api.nuget.org/v3/index.json";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _log = new();
    private bool _keep;

    public string RepoRoot { get; } = FindRepoRoot();
    public string Temp { get; } = Path.Combine(Path.GetTempPath(), "netgen-package-test-" + Guid.NewGuid().ToString("N")[..12]);
    public string Feed => Path.Combine(Temp, "feed");
    public string Consumer => Path.Combine(Temp, "consumer");
    public string AotConsumer => Path.Combine(Temp, "consumer-aot");
    public string Packages => Path.Combine(Temp, "packages");
    public string Nupkg => Path.Combine(Feed, $"NetGen.{PackageVersion}.nupkg");

    /// <summary>Restores go to a private global packages folder, so that a NetGen 0.1.0 restored earlier into
    /// the user cache is never used instead of the package just built.</summary>
    public IReadOnlyDictionary<string, string?> Isolated => new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages };

    internal ProcessResult Pack { get; private set; } = null!;
    internal ProcessResult? Build { get; private set; }
    internal ProcessResult? Run { get; private set; }

    /// <summary>The commands run so far, with their exit codes and times.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Consumer);
        Directory.CreateDirectory(AotConsumer);
        WriteLine($"repo: {RepoRoot}");
        WriteLine($"work: {Temp}");

        // Pack. Its bin/obj go to <temp>/artifacts, so the test neither races other builds in the work tree nor
        // reuses their (possibly Debug or stale) outputs.
        Pack = await DotnetAsync(RepoRoot,
        [
            "pack", Path.Combine(RepoRoot, "src", "NetGen"), "-c", "Release", "-o", Feed,
            "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(Temp, "artifacts"),
        ], null, CommandTimeout, WriteLine);
        if (!Pack.Succeeded || !File.Exists(Nupkg)) return;

        // A consumer that knows nothing of the repository, built (restoring from the local feed first, then the
        // registry) and run.
        WriteConsumer(Consumer, Feed, Packages);
        WriteConsumer(AotConsumer, Feed, Packages);
        Build = await DotnetAsync(Consumer, ["build", "-c", "Release"], Isolated, CommandTimeout, WriteLine);
        if (!Build.Succeeded) return;
        Run = await DotnetAsync(Consumer, ["run", "--no-build", "-c", "Release"], Isolated, CommandTimeout, WriteLine);
    }

    public Task DisposeAsync()
    {
        if (!_keep) TryDelete(Temp);
        return Task.CompletedTask;
    }

    /// <summary>A test failed: the work folder stays for inspection.</summary>
    public void KeepForInspection(ITestOutputHelper output)
    {
        _keep = true;
        output.WriteLine($"Kept {Temp} for inspection.");
    }

    private void WriteLine(string line)
    {
        lock (_log) _log.AppendLine(line);
    }

    internal static async Task<ProcessResult> DotnetAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string?>? environment,
                                                         TimeSpan timeout, Action<string> log)
    {
        // No build server or MSBuild node may outlive the test.
        string[] all = arguments[0] is "pack" or "build" or "run" or "publish"
            ? [.. arguments, "--disable-build-servers", .. arguments[0] is "run" ? Array.Empty<string>() : ["-nodeReuse:false"]]
            : arguments;
        ProcessResult result = await ProcessRunner.RunAsync(ProcessRunner.DotnetExecutable, all, workingDirectory, timeout, environment);
        log($"{result.CommandLine}: exit {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static void WriteConsumer(string consumer, string feed, string packages)
    {
        // Stop MSBuild's upward search for Directory.* files, wherever the temp folder is.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");

        // The local feed first, the registry second; the private global packages folder (see Isolated).
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

            // A wider network, whose layers (over 256 weights) go through the SIMD kernels: 200 Adam steps on
            // inputs computed exactly. Its loss and outputs show how far another instruction set moves the numbers.
            var wide = new WideNet();
            var adam = new Adam(learningRate: 1e-3f);
            float[] x = new float[WideNet.InputSize], t = new float[WideNet.OutputSize];
            float loss = 0;
            for (int step = 0; step < 200; step++)
            {
                for (int i = 0; i < x.Length; i++) x[i] = (step * 31 + i * 17) % 29 / 14f - 1f;
                Array.Clear(t);
                t[step % t.Length] = 1;
                loss = wide.TrainStep(x, t, adam);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wide loss = {loss:R}"));
            Span<float> y = stackalloc float[WideNet.OutputSize];
            wide.Forward(x, y);
            for (int i = 0; i < y.Length; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wide y{i} = {y[i]:R}"));

            [Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }

            [Network(Loss = Loss.CrossEntropy, Seed = 3)]
            public partial class WideNet
            {
                [Input(32)] public partial InputLayer In { get; }
                [Dense(64, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(8, Activation.Softmax)] public partial DenseLayer Out { get; }
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

/// <summary>
/// A fact that needs the NativeAOT toolchain (on Linux: clang, and zlib's development files to link with); it is
/// skipped, saying what is missing, where the toolchain is absent. .ci/run installs it.
/// </summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        string? missing = MissingToolchain();
        if (missing is not null) Skip = $"NativeAOT toolchain absent: {missing}.";
    }

    private static string? MissingToolchain()
    {
        if (!OperatingSystem.IsLinux()) return "the NativeAOT check runs on Linux only";
        var missing = new List<string>();
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (!path.Any(directory => File.Exists(Path.Combine(directory, "clang"))))
            missing.Add("no clang on PATH");
        if (!File.Exists("/usr/include/zlib.h"))
            missing.Add("no /usr/include/zlib.h");
        return missing.Count == 0 ? null : string.Join(", ", missing) + " (Debian: apt-get install clang zlib1g-dev)";
    }
}
