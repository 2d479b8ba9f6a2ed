using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Argument checks shared by generated networks, with messages that name the expected value.</summary>
public static class NetworkArguments
{
    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void CheckLength(int actual, int expected, string what, string parameterName)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {Counted.Values(expected)} for {what}, got {actual}.", parameterName);
    }

    /// <summary>Throws unless the batch size is positive and the spans hold exactly that many rows.</summary>
    public static void CheckBatch(int batchSize, int inputLength, int inputSize, int otherLength, int otherSize, string otherName)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        if ((long)batchSize * inputSize != inputLength)
            throw new ArgumentException($"Expected {Counted.Of((long)batchSize * inputSize, "input value", "input values")} ({batchSize} x {inputSize}), got {inputLength}.", "inputs");
        if ((long)batchSize * otherSize != otherLength)
            throw new ArgumentException($"Expected {Counted.Values((long)batchSize * otherSize)} in {otherName} ({batchSize} x {otherSize}), got {otherLength}.", otherName);
    }

    /// <summary>
    /// The number of time steps in <paramref name="batchSize"/> sequences of <paramref name="inputSize"/> values
    /// per step held in <paramref name="inputLength"/> values; throws unless that is a whole positive number.
    /// </summary>
    public static int SequenceSteps(int inputLength, int inputSize, int batchSize, string parameterName)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        long perStep = (long)inputSize * batchSize;
        if (inputLength <= 0 || inputLength % perStep != 0)
            throw new ArgumentException($"Expected a positive multiple of {Counted.Values(perStep)} ({batchSize} sequence(s) of steps x {inputSize}), got {inputLength}.", parameterName);
        return (int)(inputLength / perStep);
    }

    /// <summary>
    /// Throws when <paramref name="optimizer"/> is null; tells an <see cref="Optimizer"/> the network's
    /// <paramref name="layers"/> (<see cref="Optimizer.UseLayout"/>: which parameters weight decay applies to), which
    /// costs nothing after the first call with the same list.
    /// </summary>
    public static void CheckOptimizer(IOptimizer optimizer, IReadOnlyList<LayerInfo> layers)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer is Optimizer known) known.UseLayout(layers);
    }
}
