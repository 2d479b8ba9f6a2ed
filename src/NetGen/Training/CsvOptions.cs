using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>How <see cref="Dataset.FromCsv(string, CsvOptions?)"/> reads a file of numbers.</summary>
public sealed record CsvOptions
{
    /// <summary>The character between fields (default a comma). Fields are plain numbers: no quoting.</summary>
    public char Separator
    {
        get;
        init => field = value is '\r' or '\n' or '.' or '-' or '+' || char.IsDigit(value)
            ? throw new ArgumentOutOfRangeException(nameof(Separator), value, "Must not be a line break, a digit, a sign or the decimal point.")
            : value;
    } = ',';

    /// <summary>Whether the first line holds column names, to be skipped (default false).</summary>
    public bool HasHeader { get; init; }

    /// <summary>
    /// The zero-based columns that form the target row, in this order; a negative index counts from the end
    /// (−1 is the last column). Every other column is an input, in file order. Default: the last column.
    /// </summary>
    public IReadOnlyList<int> TargetColumns
    {
        get;
        init => field = value is { Count: > 0 }
            ? value
            : throw new ArgumentException("Expected at least one target column.", nameof(TargetColumns));
    } = [-1];

    /// <summary>
    /// When set, the single target column holds a class label, a whole number in [0, ClassCount), and the
    /// target row is its one-hot encoding of ClassCount values (for <see cref="Loss.CrossEntropy"/>).
    /// Null (the default): target values are read as they are.
    /// </summary>
    public int? ClassCount
    {
        get;
        init => field = value is null or >= 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ClassCount), value, "Must be at least 2, or null for numeric targets.");
    }
}
