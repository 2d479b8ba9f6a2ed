using System;
using System.IO;
using Xunit;

namespace NetGen.Tests;

/// <summary>Dataset.FromCsv: column selection, one-hot labels, and every kind of bad file.</summary>
public sealed class CsvLoaderTests
{
    private static Dataset Read(string text, CsvOptions? options = null) => Dataset.FromCsv(new StringReader(text), options, "test.csv");

    [Fact]
    public void TheLastColumnIsTheTargetByDefault()
    {
        Dataset data = Read("1,2,3\n4.5,-6e-1,7\n\n");
        Assert.Equal((2, 2, 1), (data.Count, data.InputSize, data.TargetSize));
        Assert.Equal([1f, 2f, 4.5f, -0.6f], data.Inputs.ToArray());
        Assert.Equal([3f, 7f], data.Targets.ToArray());
    }

    [Fact]
    public void TargetColumnsAreTakenInTheGivenOrderAndTheRestAreInputs()
    {
        Dataset data = Read("name_a;b;c;d\n1;2;3;4\n5;6;7;8\n", new CsvOptions { Separator = ';', HasHeader = true, TargetColumns = [-1, 1] });
        Assert.Equal([1f, 3f, 5f, 7f], data.Inputs.ToArray());
        Assert.Equal([4f, 2f, 8f, 6f], data.Targets.ToArray());
    }

    [Fact]
    public void ClassLabelsBecomeOneHotRows()
    {
        Dataset data = Read("2,0.5\n0,1.5\n", new CsvOptions { TargetColumns = [0], ClassCount = 3 });
        Assert.Equal([0.5f, 1.5f], data.Inputs.ToArray());
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], data.Targets.ToArray());
    }

    [Fact]
    public void AFileOnDiskIsNamedInItsErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "1,2\n3,x\n");
            var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path));
            Assert.Equal($"{path}, line 2, column 2 (0-based index 1): 'x' is not a finite number.", error.Message);
            File.WriteAllText(path, "1,2\n3,4\n");
            Assert.Equal(2, Dataset.FromCsv(path).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("data.csv.gz")]
    [InlineData("data.csv")] // gzip told by its magic bytes 1f 8b, not by the name
    public void AGzippedFileIsDecompressed(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
            using (var writer = new StreamWriter(gzip))
                writer.Write("x,y\n1,2\n3,4\n5,z\n");
            Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(path)[..2]);
            var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, new CsvOptions { HasHeader = true }));
            Assert.Equal($"{path}, line 4, column 2 (0-based index 1): 'z' is not a finite number.", error.Message);

            using (var file = File.Create(path))
            using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
            using (var writer = new StreamWriter(gzip))
                writer.Write("x,y\n1,2\n3,4\n");
            Dataset data = Dataset.FromCsv(path, new CsvOptions { HasHeader = true });
            Assert.Equal([1f, 3f], data.Inputs.ToArray());
            Assert.Equal([2f, 4f], data.Targets.ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFileStartingWith1fButNot8bIsNotTakenForGzip()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "\u001f,1\n");
            Assert.Equal($"{path}, line 1, column 1 (0-based index 0): '\u001f' is not a finite number.", Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("", "test.csv: no data lines.")]
    [InlineData("a,b\n", "test.csv, line 1, column 1 (0-based index 0): 'a' is not a finite number.")]
    [InlineData("1,2\n3\n", "test.csv, line 2: expected 2 fields (as on the first data line), got 1.")]
    [InlineData("1,2\n1,2,3\n", "test.csv, line 2: expected 2 fields (as on the first data line), got 3.")]
    [InlineData("1,NaN\n", "test.csv, line 1, column 2 (0-based index 1): 'NaN' is not a finite number.")]
    [InlineData("1,1e39\n", "test.csv, line 1, column 2 (0-based index 1): '1e39' is not a finite number.")]
    [InlineData("1,\"2\"\n", "test.csv, line 1, column 2 (0-based index 1): '\"2\"' is not a finite number.")]
    [InlineData("1,1,5\n", "test.csv, line 1, column 3 (0-based index 2): '5' is not a class label, a whole number in 0..2.", 3)]
    [InlineData("1,1,-1\n", "test.csv, line 1, column 3 (0-based index 2): '-1' is not a class label, a whole number in 0..2.", 3)]
    [InlineData("1,1,1.5\n", "test.csv, line 1, column 3 (0-based index 2): '1.5' is not a class label, a whole number in 0..2.", 3)]
    public void BadFilesAreRejectedWithTheLineAndColumn(string text, string message, int classCount = 0)
    {
        var options = new CsvOptions { ClassCount = classCount == 0 ? null : classCount };
        Assert.Equal(message, Assert.Throws<InvalidDataException>(() => Read(text, options)).Message);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Contains("index 2 does not exist: the file has 2 columns (0-based indices 0..1", Assert.Throws<ArgumentException>(() => Read("1,2\n", new CsvOptions { TargetColumns = [2] })).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => Read("1,2\n", new CsvOptions { TargetColumns = [-3] })).Message);
        Assert.Contains("column 2 (0-based index 1) is named twice", Assert.Throws<ArgumentException>(() => Read("1,2,3\n", new CsvOptions { TargetColumns = [1, -2] })).Message);
        Assert.Contains("no inputs are left", Assert.Throws<ArgumentException>(() => Read("1,2\n", new CsvOptions { TargetColumns = [0, 1] })).Message);
        Assert.Equal("The file's one column is a target: no inputs are left. (Parameter 'options')", Assert.Throws<ArgumentException>(() => Read("1\n")).Message);
        Assert.Contains("exactly one target column", Assert.Throws<ArgumentException>(() => Read("1,2,3\n", new CsvOptions { TargetColumns = [1, 2], ClassCount = 3 })).Message);
        Assert.Throws<ArgumentException>(() => new CsvOptions { TargetColumns = [] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsvOptions { ClassCount = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsvOptions { Separator = '.' });
        Assert.Throws<ArgumentNullException>(() => Dataset.FromCsv((TextReader)null!));
    }
}
