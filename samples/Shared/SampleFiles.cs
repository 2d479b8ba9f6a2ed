using System;
using System.IO;

/// <summary>The files the samples open before they train: their output folder and the bundled digits, each failing with one line on stderr.</summary>
public static class SampleFiles
{
    /// <summary>Creates <paramref name="path"/> if missing, so that a bad folder fails now rather than after the training.</summary>
    public static bool TryCreateOutputFolder(string path, out string directory)
    {
        try
        {
            directory = Path.GetFullPath(path);
            Directory.CreateDirectory(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: cannot create the output folder '{path}': {e.Message}");
            directory = "";
            return false;
        }
    }

    /// <summary>The UCI digits copied beside the sample (Data/digits.csv.gz).</summary>
    public static bool TryLoadDigits(out DigitsData digits)
    {
        try
        {
            digits = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz"));
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot read the data set: {e.Message}");
            digits = null!;
            return false;
        }
    }
}
