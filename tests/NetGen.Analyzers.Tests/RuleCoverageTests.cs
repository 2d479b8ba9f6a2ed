using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>Every definition error in the catalog has a test here, named after its ID.</summary>
public sealed class RuleCoverageTests
{
    [Fact]
    public void EveryNG1xxxIdHasATestNamedAfterIt()
    {
        string[] ids = typeof(Model.DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();
        string[] testNames = typeof(RuleCoverageTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any())
            .Select(method => method.Name)
            .ToArray();
        // The ID anywhere in the name (NG1002AndNG1014On…), not followed by another digit.
        string[] untested = ids.Where(id => !testNames.Any(name => Regex.IsMatch(name, id + @"(?!\d)"))).ToArray();
        Assert.True(untested.Length == 0, "No test named after: " + string.Join(", ", untested));
        Assert.NotEmpty(ids);
    }

    [Fact]
    public void EveryDiagnosticTheAnalyzerSupportsIsInTheCatalogOnce()
    {
        var supported = new NetworkAnalyzer().SupportedDiagnostics.Select(descriptor => descriptor.Id).ToArray();
        Assert.Equal(supported.Distinct().Count(), supported.Length);
        string[] ids = typeof(Model.DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetRawConstantValue()!).ToArray();
        Assert.All(ids, id => Assert.Contains(id, supported));
        Assert.All(new[] { "NG0001", "NG0002", "NG0003", "NG0004", "NG0005", "NG0006", "NG0007" }, id => Assert.Contains(id, supported));
    }
}
