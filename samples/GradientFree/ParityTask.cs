using System;
using NetGen;
using NetGen.Numerics;

/// <summary>The data sets: every N-bit pattern with its parity, and random ±1 sequences with theirs.</summary>
public static class ParityTask
{
    /// <summary>Steps per sequence in the sequence-parity task.</summary>
    public const int SequenceLength = 50;

    /// <summary>All 2^<paramref name="bits"/> patterns of 0/1 inputs; the target is 1 for an odd number of ones (XOR for 2 bits).</summary>
    public static Dataset Bits(int bits)
    {
        int count = 1 << bits;
        var inputs = new float[count * bits];
        var targets = new float[count];
        for (int pattern = 0; pattern < count; pattern++)
        {
            for (int bit = 0; bit < bits; bit++) inputs[pattern * bits + bit] = (pattern >> bit) & 1;
            targets[pattern] = System.Numerics.BitOperations.PopCount((uint)pattern) & 1;
        }
        return new Dataset(inputs, bits, targets, 1);
    }

    /// <summary><paramref name="count"/> random sequences of ±1 values, <see cref="SequenceLength"/> steps each; the target is 1 for an odd number of +1s.</summary>
    public static Dataset Sequences(int count, int seed)
    {
        var random = new SeededRandom(seed);
        var inputs = new float[count * SequenceLength];
        var targets = new float[count];
        for (int sequence = 0; sequence < count; sequence++)
        {
            int ones = 0;
            for (int step = 0; step < SequenceLength; step++)
            {
                bool one = (random.NextUInt64() & 1) == 1;
                inputs[sequence * SequenceLength + step] = one ? 1f : -1f;
                ones += one ? 1 : 0;
            }
            targets[sequence] = ones & 1;
        }
        return new Dataset(inputs, SequenceLength, targets, 1);
    }

    /// <summary>The share of samples of <paramref name="data"/> whose single output is on the same side of 0.5 as its target.</summary>
    public static double Accuracy(INetwork network, Dataset data)
    {
        Span<float> output = stackalloc float[1];
        int right = 0;
        for (int sample = 0; sample < data.Count; sample++)
        {
            network.Forward(data.Input(sample), output);
            right += output[0] > 0.5f == data.Target(sample)[0] > 0.5f ? 1 : 0;
        }
        return (double)right / data.Count;
    }
}
