using System.Numerics;
using NetGen;

/// <summary>The training sets: every pattern of a parity function, inputs −1 or 1 (zero-centred, as suits tanh units), target 1 when the number of ones is odd.</summary>
public static class Patterns
{
    /// <summary>The four XOR patterns (2-bit parity).</summary>
    public static Dataset Xor() => Parity(2);

    /// <summary>All 2^<paramref name="bits"/> patterns of <paramref name="bits"/>-bit parity.</summary>
    public static Dataset Parity(int bits)
    {
        int count = 1 << bits;
        var inputs = new float[count * bits];
        var targets = new float[count];
        for (int pattern = 0; pattern < count; pattern++)
        {
            for (int bit = 0; bit < bits; bit++) inputs[pattern * bits + bit] = ((pattern >> bit) & 1) == 1 ? 1f : -1f;
            targets[pattern] = BitOperations.PopCount((uint)pattern) & 1;
        }
        return new Dataset(inputs, bits, targets, 1);
    }
}
