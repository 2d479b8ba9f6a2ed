using System;
using System.IO;
using NetGen.Testing;
using Xunit;

namespace NetGen.PyTorch.Tests;

/// <summary>
/// The first Python that can import torch: Debian's /usr/bin/python3 (python3-torch) before whatever python3 is on PATH
/// (a pyenv shim there may have no torch). Probed once per test run.
/// </summary>
internal static class PythonWithTorch
{
    private static readonly string[] s_candidates = ["/usr/bin/python3", "python3", "python"];

    private static readonly Lazy<(string? Path, string Version)> s_found = new(Probe);

    /// <summary>The interpreter, or null when none has torch.</summary>
    public static string? Path => s_found.Value.Path;

    /// <summary>torch.__version__ of <see cref="Path"/>.</summary>
    public static string TorchVersion => s_found.Value.Version;

    private static (string?, string) Probe()
    {
        foreach (string candidate in s_candidates)
        {
            if (System.IO.Path.IsPathRooted(candidate) && !File.Exists(candidate)) continue;
            try
            {
                ProcessResult result = ProcessRunner.RunAsync(candidate, ["-c", "import torch; print(torch.__version__)"], System.IO.Path.GetTempPath(), TimeSpan.FromSeconds(60))
                    .GetAwaiter().GetResult();
                if (result.Succeeded) return (candidate, result.StandardOutput.Trim());
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name: try the next.
            }
        }
        return (null, "");
    }
}

/// <summary>A theory that runs the generated PyTorch twins; skipped, saying how to install torch, where no Python has it. .ci/run installs it.</summary>
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (PythonWithTorch.Path is null)
            Skip = "No Python with torch (tried /usr/bin/python3, python3, python; Debian: apt-get install python3-torch).";
    }
}
