using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// What the test compilations reference, without the network. Microsoft.CodeAnalysis.Testing resolves
/// <see cref="ReferenceAssemblies"/> through NuGet (ReferenceAssemblies.Net.Net100 asks for a
/// Microsoft.NETCore.App.Ref version that the registry does not serve). Here the framework is named with no
/// package, so there is nothing to download, and the .NET 10 reference assemblies come from
/// Basic.Reference.Assemblies.Net100 (embedded in that package's assembly, which a plain restore brings), plus
/// the NetGen runtime built by this solution.
/// </summary>
internal static class OfflineReferences
{
    // Declared first: static fields initialise in textual order, and the config below names these folders.
    private static readonly string OfflineFolder = Path.Combine(Path.GetTempPath(), "netgen-analyzer-tests-offline");

    /// <summary>The folder the offline config names as its global packages folder; it stays empty.</summary>
    public static readonly string EmptyPackagesFolder = Path.Combine(OfflineFolder, "packages");

    /// <summary>
    /// "net10.0" with no reference-assembly package and no packages. Its NuGet settings point at a config
    /// with no package source and an empty global packages folder, so that even an attempted resolution
    /// could not reach a registry or pick up a stray package.
    /// </summary>
    public static readonly ReferenceAssemblies ReferenceAssemblies =
        new ReferenceAssemblies("net10.0").WithNuGetConfigFilePath(WriteOfflineNuGetConfig());

    /// <summary>The .NET 10 reference assemblies and the NetGen runtime (attributes, layer types, enums).</summary>
    public static readonly ImmutableArray<MetadataReference> All = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
        .ToImmutableArray();

    private static string WriteOfflineNuGetConfig()
    {
        Directory.CreateDirectory(EmptyPackagesFolder);
        string path = Path.Combine(OfflineFolder, "nuget.config");
        string text = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{EmptyPackagesFolder}" />
              </config>
            </configuration>
            """;
        // Tests run in parallel and several test runs may share the temp folder: write only when different.
        try
        {
            if (!File.Exists(path) || File.ReadAllText(path) != text) File.WriteAllText(path, text);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another test process is writing the same text.
        }
        return path;
    }
}
