using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NetGen.Testing;

/// <summary>What a finished (or timed-out) child process did.</summary>
internal sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string StandardOutput, string StandardError)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Everything needed to diagnose a failure, for an assertion message.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"> {CommandLine}");
        text.AppendLine($"  (in {WorkingDirectory})");
        text.AppendLine(TimedOut
            ? $"  TIMED OUT after {Elapsed.TotalSeconds:F0} s; the process tree was killed."
            : $"  exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s");
        text.AppendLine("----- stdout -----");
        text.AppendLine(StandardOutput);
        text.AppendLine("----- stderr -----");
        text.AppendLine(StandardError);
        return text.ToString();
    }
}

/// <summary>Runs a child process with a timeout, capturing its output; kills the whole tree on timeout.</summary>
internal static class ProcessRunner
{
    /// <summary>The dotnet muxer that runs this test (so children use the same SDK), else 'dotnet' from PATH.</summary>
    public static string DotnetExecutable
    {
        get
        {
            string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
        }
    }

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments) startInfo.ArgumentList.Add(argument);

        // The test host runs inside 'dotnet test', whose MSBuild settings would leak into child builds.
        // Every MSBuild* variable goes (MSBuildExtensionsPath, MSBuildSDKsPath, MSBUILD_EXE_PATH, ...), not a fixed list.
        foreach (string name in startInfo.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
            startInfo.Environment.Remove(name);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        startInfo.Environment["UseSharedCompilation"] = "false";
        if (environment is not null)
        {
            foreach (KeyValuePair<string, string?> pair in environment)
            {
                if (pair.Value is null) startInfo.Environment.Remove(pair.Key);
                else startInfo.Environment[pair.Key] = pair.Value;
            }
        }

        string commandLine = fileName + " " + string.Join(" ", arguments);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };

        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool timedOut = false;
        using (var cancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { /* exited meanwhile */ }
                catch (System.ComponentModel.Win32Exception) { /* could not kill: reported as a timeout anyway */ }
            }
        }

        // Wait (bounded) for the end of the redirected streams after the exit or the kill.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try { await process.WaitForExitAsync(drain.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { /* a grandchild keeps the pipes open: use what was read */ }
        }
        stopwatch.Stop();

        int exitCode = process.HasExited ? process.ExitCode : -1;
        string output, error;
        lock (stdout) output = stdout.ToString();
        lock (stderr) error = stderr.ToString();
        return new ProcessResult(commandLine, workingDirectory, exitCode, timedOut, stopwatch.Elapsed, output, error);
    }
}
