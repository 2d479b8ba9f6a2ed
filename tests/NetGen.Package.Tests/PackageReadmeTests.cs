using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>
/// What a newcomer reads before the package is published: how to pack it and use it from a local folder, the
/// licence its metadata claims, and a package readme (README.md is packed) whose links do not break on a package page.
/// </summary>
public sealed class PackageReadmeTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    /// <summary>The one documented pack command: what <see cref="PackageConsumerTests"/> runs, less its private output folders.</summary>
    private const string PackCommand = "dotnet pack src/NetGen -c Release -o ";

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/getting-started.md")]
    public void TheInstallSectionPacksIntoAFolderAndAddsThePackageFromIt(string file)
    {
        string text = File.ReadAllText(Path.Combine(RepoRoot, file));
        Match pack = Regex.Match(text, Regex.Escape(PackCommand) + @"(?<folder>\S+)");
        Assert.True(pack.Success, $"{file} does not give the pack command '{PackCommand}<folder>'");
        string folder = pack.Groups["folder"].Value;
        // The folder becomes a NuGet source, so the registry stays one too (NetGen depends on System.Numerics.Tensors).
        Assert.Contains($"dotnet nuget add source {folder} --name netgen-local", text);
        Assert.Contains("dotnet add package NetGen", text);
        Assert.Contains("nuget.config", text);
        Assert.Contains("<add key=\"netgen-local\"", text);
        // The line for when it is published stays.
        Assert.Matches(@"`dotnet add package NetGen`|dotnet add package NetGen\s+#", text);
    }

    [Fact]
    public void TheLicenceTheMetadataClaimsIsThere()
    {
        XDocument project = XDocument.Load(Path.Combine(RepoRoot, "src", "NetGen", "NetGen.csproj"));
        string? expression = project.Descendants("PackageLicenseExpression").SingleOrDefault()?.Value;
        Assert.Equal("MIT", expression);
        string license = Path.Combine(RepoRoot, "LICENSE");
        Assert.True(File.Exists(license), "The package says MIT; the repository has no LICENSE file");
        string text = File.ReadAllText(license);
        Assert.StartsWith("MIT License", text);
        Assert.Contains("Permission is hereby granted, free of charge", text);
        Assert.Contains("THE SOFTWARE IS PROVIDED \"AS IS\"", text);
    }

    [Fact]
    public void ThePackageReadmeHasNoLinkThatBreaksOutsideTheRepository()
    {
        // README.md is the package's readme. A package page resolves a relative link against itself, where the
        // repository's files are not, and there is no published repository address to make it absolute: the README
        // names the files as text (`docs/training.md`) instead of linking them.
        string text = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        string[] relative = Regex.Matches(text, @"\]\((?<target>[^)\s]+)\)|<img[^>]+src=""(?<target>[^""]+)""|^\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)
            .Select(m => m.Groups["target"].Value)
            .Where(target => !target.StartsWith("https://", StringComparison.Ordinal))
            .ToArray();
        Assert.True(relative.Length == 0, "README.md (the package readme) links relatively to: " + string.Join(", ", relative));
        foreach (Match named in Regex.Matches(text, @"`(?<path>docs/[^`]+)`"))
            Assert.True(File.Exists(Path.Combine(RepoRoot, named.Groups["path"].Value)) || Directory.Exists(Path.Combine(RepoRoot, named.Groups["path"].Value)),
                $"README.md names {named.Groups["path"].Value}, which does not exist");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }
}
