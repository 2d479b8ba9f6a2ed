using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

public sealed partial class Dataset
{
    /// <summary>
    /// Reads a CSV file of numbers (invariant culture: '.' as the decimal point), one sample per line; a gzip-compressed
    /// file (such as data.csv.gz, told by its first bytes 1f 8b whatever its name) is decompressed as it is read.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty, a line has the wrong number of fields, a field is not a finite number, or a class label is out of range; the message names the line and column (both counted from 1, with the column's 0-based index as TargetColumns takes it).</exception>
    /// <exception cref="ArgumentException">The options name a target column the file does not have, or one twice.</exception>
    public static Dataset FromCsv(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(OpenMaybeGzipped(path));
        return FromCsv(reader, options, path);
    }

    /// <summary>Reads CSV text of numbers from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <inheritdoc cref="FromCsv(string, CsvOptions?)"/>
    public static Dataset FromCsv(TextReader reader, CsvOptions? options = null, string source = "CSV")
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CsvOptions();
        var inputs = new List<float>();
        var targets = new List<float>();
        bool[]? isTarget = null;
        int[] targetOrder = [];
        int columns = 0, lineNumber = 0;
        if (options.HasHeader && reader.ReadLine() is not null) lineNumber++;
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] fields = line.Split(options.Separator);
            if (isTarget is null)
            {
                columns = fields.Length;
                (isTarget, targetOrder) = ResolveTargetColumns(options, columns);
            }
            else if (fields.Length != columns)
                throw new InvalidDataException($"{source}, line {lineNumber}: expected {Counted.Of(columns, "field")} (as on the first data line), got {fields.Length}.");

            for (int column = 0; column < columns; column++)
                if (!isTarget[column]) inputs.Add(ParseNumber(fields[column], source, lineNumber, column));
            foreach (int column in targetOrder)
            {
                if (options.ClassCount is int classCount) AddOneHot(targets, ParseLabel(fields[column], classCount, source, lineNumber, column), classCount);
                else targets.Add(ParseNumber(fields[column], source, lineNumber, column));
            }
        }
        if (isTarget is null) throw new InvalidDataException($"{source}: no data lines.");
        int inputSize = columns - targetOrder.Length;
        return new Dataset(inputs.ToArray(), inputSize, targets.ToArray(), options.ClassCount ?? targetOrder.Length, inputs.Count / inputSize);
    }

    /// <summary>The file's bytes, decompressed if it starts with the gzip magic number 1f 8b.</summary>
    private static Stream OpenMaybeGzipped(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
                : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>"column 3 (0-based index 2)": columns are counted from 1 like lines; TargetColumns takes the index.</summary>
    private static string Column(int index) => string.Create(CultureInfo.InvariantCulture, $"column {index + 1} (0-based index {index})");

    private static (bool[] IsTarget, int[] Order) ResolveTargetColumns(CsvOptions options, int columns)
    {
        if (options.ClassCount is not null && options.TargetColumns.Count != 1)
            throw new ArgumentException($"ClassCount needs exactly one target column (the label), got {options.TargetColumns.Count}.", nameof(options));
        var isTarget = new bool[columns];
        var order = new int[options.TargetColumns.Count];
        for (int i = 0; i < order.Length; i++)
        {
            int requested = options.TargetColumns[i], column = requested < 0 ? columns + requested : requested;
            if (column < 0 || column >= columns)
                throw new ArgumentException($"Target column index {requested} does not exist: the file has {Counted.Of(columns, "column")} (0-based indices 0..{columns - 1}, or −1..−{columns} from the end).", nameof(options));
            if (isTarget[column])
                throw new ArgumentException($"Target {Column(column)} is named twice.", nameof(options));
            isTarget[column] = true;
            order[i] = column;
        }
        if (order.Length == columns)
            throw new ArgumentException(columns == 1 ? "The file's one column is a target: no inputs are left." : $"Every one of the {columns} columns is a target: no inputs are left.", nameof(options));
        return (isTarget, order);
    }

    private static float ParseNumber(string field, string source, int lineNumber, int column) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{source}, line {lineNumber}, {Column(column)}: '{field}' is not a finite number.");

    private static int ParseLabel(string field, int classCount, string source, int lineNumber, int column) =>
        int.TryParse(field.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int label) && label < classCount
            ? label
            : throw new InvalidDataException($"{source}, line {lineNumber}, {Column(column)}: '{field}' is not a class label, a whole number in 0..{classCount - 1}.");

    private static void AddOneHot(List<float> targets, int label, int classCount)
    {
        for (int c = 0; c < classCount; c++) targets.Add(c == label ? 1f : 0f);
    }
}
