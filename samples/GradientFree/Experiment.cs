using System;
using System.Diagnostics;
using System.Linq;
using NetGen;

/// <summary>One method on one task, repeated over seeds 1..N.</summary>
/// <param name="Task">What is searched for.</param>
/// <param name="Method">How, with its settings.</param>
/// <param name="Run">One run with the given seed; returns the result.</param>
/// <param name="Test">When set, the accuracy of a solution on held-out data, averaged over the solved runs.</param>
public sealed record Experiment(string Task, string Method, Func<int, GradientFreeResult> Run, Func<GradientFreeResult, double>? Test = null)
{
    /// <summary>The header of the table <see cref="Repeat"/> prints rows of.</summary>
    public static string Header =>
        $"{"task",-24} {"method",-42} {"solved",7} {"median evals",13} {"mean evals",11} {"test",7} {"seconds",8}";

    /// <summary>
    /// Runs seeds 1..<paramref name="seeds"/> and returns the table row. The median counts an unsolved run as
    /// needing more than its budget (shown as "&gt; budget" when that decides it); the mean is over the solved runs.
    /// </summary>
    public string Repeat(int seeds)
    {
        var clock = Stopwatch.StartNew();
        GradientFreeResult[] results = Enumerable.Range(1, seeds).Select(Run).ToArray();
        double[] needed = results.Select(r => r.Solved ? r.Evaluations : double.PositiveInfinity).Order().ToArray();
        double median = seeds % 2 == 1 ? needed[seeds / 2] : (needed[seeds / 2 - 1] + needed[seeds / 2]) / 2;
        GradientFreeResult[] solved = results.Where(r => r.Solved).ToArray();
        string medianText = double.IsFinite(median) ? $"{median:N0}" : $"> {results.Max(r => r.Evaluations):N0}";
        string meanText = solved.Length == 0 ? "-" : $"{solved.Average(r => r.Evaluations):N0}";
        string testText = Test is null || solved.Length == 0 ? "-" : $"{solved.Average(Test):P1}";
        return $"{Task,-24} {Method,-42} {$"{solved.Length}/{seeds}",7} {medianText,13} {meanText,11} {testText,7} {clock.Elapsed.TotalSeconds,8:F1}";
    }
}
