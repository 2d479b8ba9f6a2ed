using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using NetGen;
using NetGen.Numerics;

/// <summary>
/// Digit images as rows ready for the network: one row of pixel features, a one-hot target and a label per sample;
/// and the minibatch epoch and accuracy the digits samples share.
/// </summary>
public sealed class DigitsData
{
    public const int PixelCount = 64, ClassCount = 10;
    private const int MaxPixel = 16;

    private DigitsData(float[] pixels, float[] targets, int[] labels)
    {
        Pixels = pixels;
        Targets = targets;
        Labels = labels;
    }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;
    /// <summary><see cref="Count"/> rows of <see cref="PixelCount"/> features (in [0, 1] as loaded).</summary>
    public float[] Pixels { get; }
    /// <summary><see cref="Count"/> rows of <see cref="ClassCount"/> values, one-hot.</summary>
    public float[] Targets { get; }
    /// <summary>The digit of each sample.</summary>
    public int[] Labels { get; }

    /// <summary>Reads the gzip CSV: no header, 64 pixels in 0..16 then the label, per line.</summary>
    public static DigitsData Load(string path)
    {
        var pixels = new List<float>();
        var labels = new List<int>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        int lineNumber = 0;
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            string[] fields = line.Split(',');
            if (fields.Length != PixelCount + 1)
                throw new InvalidDataException($"{path}:{lineNumber}: expected {PixelCount + 1} values, got {fields.Length}.");
            for (int i = 0; i < PixelCount; i++)
                pixels.Add(Parse(fields[i], MaxPixel, path, lineNumber) / (float)MaxPixel);
            labels.Add(Parse(fields[PixelCount], ClassCount - 1, path, lineNumber));
        }
        if (labels.Count == 0) throw new InvalidDataException($"{path}: no samples.");

        var targets = new float[labels.Count * ClassCount];
        for (int i = 0; i < labels.Count; i++) targets[i * ClassCount + labels[i]] = 1f;
        return new DigitsData(pixels.ToArray(), targets, labels.ToArray());
    }

    private static int Parse(string field, int max, string path, int lineNumber) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 && value <= max
            ? value
            : throw new InvalidDataException($"{path}:{lineNumber}: '{field}' is not a whole number in 0..{max}.");

    /// <summary>
    /// A fixed split: the samples shuffled with <paramref name="seed"/>, the first
    /// <paramref name="trainFraction"/> for training and the rest for testing, the same on every run and machine.
    /// </summary>
    public (DigitsData Train, DigitsData Test) Split(double trainFraction, int seed)
    {
        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        new SeededRandom(seed).Shuffle<int>(order);
        int trainCount = (int)Math.Round(Count * trainFraction);
        return (Subset(order.AsSpan(0, trainCount)), Subset(order.AsSpan(trainCount)));
    }

    /// <summary>The first <paramref name="count"/> samples, or all of them when there are no more.</summary>
    public DigitsData First(int count)
    {
        if (count >= Count) return this;
        int[] indices = new int[Math.Max(count, 0)];
        for (int i = 0; i < indices.Length; i++) indices[i] = i;
        return Subset(indices);
    }

    /// <summary>
    /// Each pixel feature's mean and standard deviation over these samples. A feature that never varies
    /// (the corners are always blank) gets a deviation of 1, so standardising maps it to 0 instead of dividing by 0.
    /// </summary>
    public (float[] Mean, float[] Deviation) FeatureMoments()
    {
        var mean = new float[PixelCount];
        var deviation = new float[PixelCount];
        for (int f = 0; f < PixelCount; f++)
        {
            double sum = 0, squares = 0;
            for (int i = 0; i < Count; i++) sum += Pixels[i * PixelCount + f];
            double m = sum / Count;
            for (int i = 0; i < Count; i++) squares += Math.Pow(Pixels[i * PixelCount + f] - m, 2);
            double sd = Math.Sqrt(squares / Count);
            mean[f] = (float)m;
            deviation[f] = sd > 1e-6 ? (float)sd : 1f;
        }
        return (mean, deviation);
    }

    /// <summary>A copy with every pixel feature standardised, (x − mean) / deviation: use the training set's moments for every set.</summary>
    public DigitsData Standardised(ReadOnlySpan<float> mean, ReadOnlySpan<float> deviation)
    {
        var pixels = new float[Pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            int f = i % PixelCount;
            pixels[i] = (Pixels[i] - mean[f]) / deviation[f];
        }
        return new DigitsData(pixels, Targets, Labels);
    }

    /// <summary>Copies the rows at <paramref name="indices"/> into <paramref name="pixels"/> and <paramref name="targets"/>.</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> pixels, Span<float> targets)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            Pixels.AsSpan(indices[i] * PixelCount, PixelCount).CopyTo(pixels.Slice(i * PixelCount, PixelCount));
            Targets.AsSpan(indices[i] * ClassCount, ClassCount).CopyTo(targets.Slice(i * ClassCount, ClassCount));
        }
    }

    /// <summary>
    /// One epoch of minibatch training on these samples in the order of <paramref name="shuffle"/>; returns the mean
    /// training loss. <paramref name="order"/> (0 … Count − 1 at first), <paramref name="batchPixels"/> and
    /// <paramref name="batchTargets"/> are buffers the caller keeps, so an epoch allocates nothing.
    /// </summary>
    public double TrainEpoch(INetwork network, IOptimizer optimizer, int batchSize, SeededRandom shuffle,
        int[] order, float[] batchPixels, float[] batchTargets)
    {
        shuffle.Shuffle<int>(order);
        double lossSum = 0;
        for (int start = 0; start < Count; start += batchSize)
        {
            int size = Math.Min(batchSize, Count - start); // the last batch may be short
            Gather(order.AsSpan(start, size), batchPixels, batchTargets);
            float loss = network.TrainBatch(batchPixels.AsSpan(0, size * PixelCount), batchTargets.AsSpan(0, size * ClassCount), size, optimizer);
            lossSum += (double)loss * size; // weight by size so a short batch counts per sample
        }
        return lossSum / Count;
    }

    /// <summary>Fraction of samples whose most probable class is the label; <paramref name="outputs"/> holds Count × ClassCount values.</summary>
    public double Accuracy(INetwork network, float[] outputs)
    {
        network.Forward(Pixels, outputs, Count);
        int correct = 0;
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<float> p = outputs.AsSpan(i * ClassCount, ClassCount);
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            if (best == Labels[i]) correct++;
        }
        return (double)correct / Count;
    }

    private DigitsData Subset(ReadOnlySpan<int> indices)
    {
        var pixels = new float[indices.Length * PixelCount];
        var targets = new float[indices.Length * ClassCount];
        var labels = new int[indices.Length];
        Gather(indices, pixels, targets);
        for (int i = 0; i < indices.Length; i++) labels[i] = Labels[indices[i]];
        return new DigitsData(pixels, targets, labels);
    }
}
