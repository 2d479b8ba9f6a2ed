using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Samples for training: each one an input row of <see cref="InputSize"/> values and a target row of
/// <see cref="TargetSize"/> values, stored row-major in two arrays (the layout <see cref="INetwork.TrainBatch"/>
/// reads). For a recurrent network an input row is a whole sequence, steps × the network's input size.
/// The arrays are copied on construction, so later changes to the caller's arrays do not leak in.
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] _inputs;
    private readonly float[] _targets;

    /// <summary>Creates a dataset from row-major inputs and targets (copied).</summary>
    /// <exception cref="ArgumentException">Sizes are not positive, the arrays do not hold whole rows, or they hold different numbers of rows.</exception>
    public Dataset(ReadOnlySpan<float> inputs, int inputSize, ReadOnlySpan<float> targets, int targetSize)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Must be positive.");
        if (targetSize <= 0) throw new ArgumentOutOfRangeException(nameof(targetSize), targetSize, "Must be positive.");
        if (inputs.Length % inputSize != 0)
            throw new ArgumentException($"Expected a multiple of {Counted.Of(inputSize, "input value", "input values")} (whole rows), got {inputs.Length}.", nameof(inputs));
        if (targets.Length % targetSize != 0)
            throw new ArgumentException($"Expected a multiple of {Counted.Of(targetSize, "target value", "target values")} (whole rows), got {targets.Length}.", nameof(targets));
        int count = inputs.Length / inputSize;
        if (targets.Length / targetSize != count)
            throw new ArgumentException($"Expected {Counted.Of(count, "target row", "target rows")} (one per input row), got {targets.Length / targetSize}.", nameof(targets));
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = count;
        _inputs = inputs.ToArray();
        _targets = targets.ToArray();
    }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Values per input row.</summary>
    public int InputSize { get; }

    /// <summary>Values per target row.</summary>
    public int TargetSize { get; }

    /// <summary>Every input row, row-major.</summary>
    public ReadOnlySpan<float> Inputs => _inputs;

    /// <summary>Every target row, row-major.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The input row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Input(int index) => _inputs.AsSpan(CheckIndex(index) * InputSize, InputSize);

    /// <summary>The target row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Target(int index) => _targets.AsSpan(CheckIndex(index) * TargetSize, TargetSize);

    /// <summary>The samples at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var inputs = new float[indices.Length * InputSize];
        var targets = new float[indices.Length * TargetSize];
        for (int i = 0; i < indices.Length; i++)
        {
            Input(indices[i]).CopyTo(inputs.AsSpan(i * InputSize));
            Target(indices[i]).CopyTo(targets.AsSpan(i * TargetSize));
        }
        return new Dataset(inputs, InputSize, targets, TargetSize, indices.Length);
    }

    /// <summary>
    /// Splits the samples at random (a seeded Fisher–Yates shuffle, the same on every machine) into a training
    /// part of round(<paramref name="trainFraction"/> · Count) samples and a test part with the rest.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainFraction"/> is not in (0, 1), or a part would be empty.</exception>
    public (Dataset Train, Dataset Test) Split(double trainFraction, int seed)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "Must be in (0, 1).");
        int trainCount = (int)Math.Round(trainFraction * Count);
        if (trainCount == 0 || trainCount == Count)
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction,
                $"Splitting {Counted.Of(Count, "sample")} this way leaves one part empty; use a fraction nearer 0.5 or more samples.");
        int[] order = Permutation(Count, seed);
        return (Subset(order.AsSpan(0, trainCount)), Subset(order.AsSpan(trainCount)));
    }

    /// <summary>A seeded random permutation of 0 … <paramref name="count"/> − 1 (Fisher–Yates on <see cref="SeededRandom"/>).</summary>
    public static int[] Permutation(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        new SeededRandom(seed).Shuffle(order.AsSpan());
        return order;
    }

    // Takes ownership of arrays built here (no second copy).
    private Dataset(float[] inputs, int inputSize, float[] targets, int targetSize, int count)
    {
        _inputs = inputs;
        _targets = targets;
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = count;
    }

    private int CheckIndex(int index) => (uint)index < (uint)Count
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Must be in [0, {Count}).");
}
