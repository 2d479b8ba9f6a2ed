using System;
using NetGen;

/// <summary>The digits as <see cref="Dataset"/>s (pixels in [0, 1], one-hot targets), nudged copies, and digit grids as images.</summary>
public static class Digits
{
    private const int Side = 8;

    /// <summary>The loaded digits as a dataset.</summary>
    public static Dataset ToDataset(DigitsData data) => new(data.Pixels, DigitsData.PixelCount, data.Targets, DigitsData.ClassCount);

    /// <summary>
    /// scikit-learn's <c>nudge_dataset</c>: the images, then four copies moved by one pixel (up, left, right, down; the
    /// uncovered edge is blank), targets repeated, five times the rows in all.
    /// </summary>
    public static Dataset Nudged(Dataset data)
    {
        (int Rows, int Columns)[] moves = [(0, 0), (-1, 0), (0, -1), (0, 1), (1, 0)];
        int count = data.Count;
        var inputs = new float[moves.Length * count * DigitsData.PixelCount];
        var targets = new float[moves.Length * count * DigitsData.ClassCount];
        for (int m = 0; m < moves.Length; m++)
            for (int s = 0; s < count; s++)
            {
                int row = m * count + s;
                ReadOnlySpan<float> image = data.Input(s);
                Span<float> moved = inputs.AsSpan(row * DigitsData.PixelCount, DigitsData.PixelCount);
                for (int y = 0; y < Side; y++)
                    for (int x = 0; x < Side; x++)
                    {
                        int fromY = y - moves[m].Rows, fromX = x - moves[m].Columns;
                        if (fromY is >= 0 and < Side && fromX is >= 0 and < Side) moved[y * Side + x] = image[fromY * Side + fromX];
                    }
                data.Target(s).CopyTo(targets.AsSpan(row * DigitsData.ClassCount));
            }
        return new Dataset(inputs, DigitsData.PixelCount, targets, DigitsData.ClassCount);
    }

    /// <summary>
    /// scikit-learn's <c>minmax_scale</c>: each pixel feature mapped linearly onto [0, 1] by its minimum and maximum over
    /// <paramref name="data"/> (a feature that never varies becomes 0).
    /// </summary>
    public static Dataset MinMaxScaled(Dataset data)
    {
        int width = data.InputSize;
        var inputs = data.Inputs.ToArray();
        for (int f = 0; f < width; f++)
        {
            float min = float.MaxValue, max = float.MinValue;
            for (int s = 0; s < data.Count; s++)
            {
                min = Math.Min(min, inputs[s * width + f]);
                max = Math.Max(max, inputs[s * width + f]);
            }
            float range = max > min ? max - min : 1f;
            for (int s = 0; s < data.Count; s++) inputs[s * width + f] = (inputs[s * width + f] - min) / range;
        }
        return new Dataset(inputs, width, data.Targets, data.TargetSize);
    }

    /// <summary>
    /// Writes <paramref name="images"/> (rows of 64 values in [0, 1], ink 1) as a PNG grid of <paramref name="columns"/>
    /// per row, each image scaled <paramref name="scale"/> times, dark ink on white, a 2-pixel white gutter between them.
    /// </summary>
    public static void WriteGrid(string path, ReadOnlySpan<float> images, int columns, int scale)
    {
        const int gutter = 2;
        int count = images.Length / DigitsData.PixelCount, rows = (count + columns - 1) / columns;
        int cell = Side * scale + gutter;
        int width = columns * cell + gutter, height = rows * cell + gutter;
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        for (int i = 0; i < count; i++)
        {
            int left = gutter + i % columns * cell, top = gutter + i / columns * cell;
            for (int y = 0; y < Side * scale; y++)
                for (int x = 0; x < Side * scale; x++)
                {
                    float ink = Math.Clamp(images[i * DigitsData.PixelCount + y / scale * Side + x / scale], 0f, 1f);
                    pixels[(top + y) * width + left + x] = (byte)Math.Round(255 * (1 - ink));
                }
        }
        PngWriter.WriteGreyscale(path, pixels, width, height);
    }
}
