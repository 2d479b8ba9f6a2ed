using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The cached model must hold plain data only: a symbol, syntax node, location or compilation in it
/// breaks incremental caching and keeps old compilations alive (as STJ's incremental tests assert).
/// </summary>
public class ModelHoldsNoRoslynObjectsTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(Location),
        typeof(Compilation), typeof(SemanticModel), typeof(AttributeData), typeof(TypedConstant),
        typeof(SyntaxReference), typeof(Diagnostic),
    ];

    [Fact]
    public void NetworkSpecTypeGraphHoldsNoRoslynTypes()
    {
        var visited = new HashSet<Type>();
        Walk(typeof(NetworkSpec), "NetworkSpec", visited);

        // The walk must have gone through the arrays into the element records.
        Assert.Contains(typeof(LayerSpec), visited);
        Assert.Contains(typeof(SpecDiagnostic), visited);
        Assert.Contains(typeof(SourceLocation), visited);

        // What the generator caches for a network with [Network(Weights)] (the generator's NetworkBuild: the spec and the
        // weights as strings) and the files it reads (bytes compared by content).
        foreach (FieldInfo field in typeof(NetworkBuild).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            Walk(field.FieldType, "NetworkBuild." + field.Name, visited);
        Walk(typeof(WeightsFile), "WeightsFile", visited);
        Assert.Contains(typeof(EmbeddedTensor), visited);
    }

    [Fact]
    public void ParsedModelInstancesHoldOnlyPlainData()
    {
        // Check the real objects too: a field typed as an interface or object could hide anything.
        foreach (string source in new[] { TestNetworks.Residual, TestNetworks.Nested })
        {
            (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
            WalkInstance(ParsedNetworks.FromTrackedStep(result.Results.Single()), "spec", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        // An invalid network carries diagnostics with locations: those must be plain data as well.
        NetworkSpec invalid = ParsedNetworks.Single(GeneratorHarness.CreateCompilation(InvalidDefinitionTests.ResidualSizeMismatch));
        Assert.NotEmpty(invalid.Diagnostics);
        WalkInstance(invalid, "spec", new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void Walk(Type type, string path, HashSet<Type> visited)
    {
        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        AssertAllowed(underlying, path);
        if (!visited.Add(underlying) || IsLeaf(underlying)) return;

        if (underlying.IsArray)
        {
            Walk(underlying.GetElementType()!, path + "[]", visited);
            return;
        }
        const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (FieldInfo field in underlying.GetFields(Members))
            Walk(field.FieldType, $"{path}.{field.Name}", visited);
        // Only what is stored: computed properties (records' EqualityContract, LayerSpec.Descriptor reading the static
        // registry) are code, not data, and hold nothing.
        foreach (PropertyInfo property in underlying.GetProperties(Members).Where(property => underlying.GetField($"<{property.Name}>k__BackingField", Members) is not null))
            Walk(property.PropertyType, $"{path}.{property.Name}", visited);
    }

    private static void WalkInstance(object? value, string path, HashSet<object> visited)
    {
        if (value is null) return;
        Type type = value.GetType();
        AssertAllowed(type, path);
        if (IsLeaf(type) || (!type.IsValueType && !visited.Add(value))) return;

        if (value is IEnumerable items and not string)
        {
            int index = 0;
            foreach (object? item in items) WalkInstance(item, $"{path}[{index++}]", visited);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            WalkInstance(field.GetValue(value), $"{path}.{field.Name}", visited);
    }

    private static bool IsLeaf(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    /// <summary>Only primitives, strings, enums, arrays and the model's own types, and none of Roslyn's.</summary>
    private static void AssertAllowed(Type type, string path)
    {
        foreach (Type forbidden in Forbidden)
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} is a {type}, which is (or holds) a {forbidden.Name}");
        Assert.False(type.Assembly == typeof(Compilation).Assembly || type.Assembly == typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly,
            $"{path} is the Roslyn type {type}");
        bool allowed = IsLeaf(type) || type.IsArray || type.Namespace == typeof(NetworkSpec).Namespace;
        Assert.True(allowed, $"{path} has type {type}: the model may only hold primitives, strings, enums, arrays and NetGen.Model types");
    }
}
