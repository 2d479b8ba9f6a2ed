using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using CsCheck;
using NetGen.Fuzz.Tests.Declarations;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// Random network declarations, valid and invalid, through the generator and the analyzer (<see cref="FuzzOracle"/>).
/// 500 cases by default; set NETGEN_FUZZ_CASES (e.g. 10000) for a longer run. A failure prints the case and
/// CsCheck's seed: set CsCheck_Seed to it to replay the case.
/// </summary>
public class GeneratorFuzzTests(ITestOutputHelper output)
{
    public const int DefaultCases = 500;

    public const string CasesVariable = "NETGEN_FUZZ_CASES";

    [Fact]
    public void GeneratorAndAnalyzerHandleRandomDeclarations()
    {
        int cases = CaseCount(Environment.GetEnvironmentVariable(CasesVariable));
        var byFault = new ConcurrentDictionary<Fault, int>();
        var measurements = new ConcurrentBag<FuzzMeasurement>();

        var clock = Stopwatch.StartNew();
        FuzzCaseGen.Cases.Sample(fuzzCase =>
        {
            FuzzMeasurement measured = FuzzOracle.Check(fuzzCase);
            byFault.AddOrUpdate(fuzzCase.Fault, 1, (_, n) => n + 1);
            measurements.Add(measured);
        }, iter: cases, threads: Environment.ProcessorCount, writeLine: output.WriteLine);

        FuzzMeasurement[] all = measurements.ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Length} cases in {clock.Elapsed.TotalSeconds:F1} s: {(byFault.TryGetValue(Fault.None, out int valid) ? valid : 0)} valid, "
            + $"{byFault.Where(p => p.Key is > Fault.None and < Fault.SyntaxError).Sum(p => p.Value)} with a definition fault, "
            + $"{byFault.Where(p => p.Key >= Fault.SyntaxError).Sum(p => p.Value)} with broken C#"));
        output.WriteLine(string.Join(", ", byFault.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slowest generator {all.Max(m => m.GeneratorTime).TotalMilliseconds:F0} ms, slowest analysis {all.Max(m => m.AnalysisTime).TotalMilliseconds:F0} ms, "
            + $"largest output {all.Max(m => m.GeneratedChars)} chars"));
        Assert.Equal(cases, all.Length);
    }

    [Theory]
    [InlineData(null, DefaultCases)]
    [InlineData("", DefaultCases)]
    [InlineData("10000", 10000)]
    public void CaseCountComesFromTheVariable(string? value, int expected) => Assert.Equal(expected, CaseCount(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("many")]
    public void CaseCountRejectsNonPositiveOrNonNumbers(string value)
        => Assert.Contains("positive whole number", Assert.Throws<ArgumentException>(() => CaseCount(value)).Message);

    private static int CaseCount(string? value)
    {
        if (string.IsNullOrEmpty(value)) return DefaultCases;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0) return cases;
        throw new ArgumentException($"{CasesVariable} must be a positive whole number of cases, not '{value}'.", nameof(value));
    }
}
