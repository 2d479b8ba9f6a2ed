using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.TorchSharp.Benchmarks.Workloads;

namespace NetGen.TorchSharp.Benchmarks;

/// <summary>Training throughput of a W4 or W7 step (both batch 32): <see cref="W4TrainBatchMnist.BatchSize"/> samples over the mean time.</summary>
public sealed class SamplesPerSecondColumn : IColumn
{
    /// <summary>Adds the column to a benchmark class (<c>[Config(typeof(SamplesPerSecondColumn.Config))]</c>).</summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>The default columns and this one.</summary>
        public Config() => AddColumn(new SamplesPerSecondColumn());
    }

    /// <inheritdoc/>
    public string Id => nameof(SamplesPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Samples/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Statistics;

    /// <inheritdoc/>
    public int PriorityInCategory => 100;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => $"Training samples per second: {W4TrainBatchMnist.BatchSize} / Mean";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is double mean && mean > 0
            ? (W4TrainBatchMnist.BatchSize * 1e9 / mean).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
