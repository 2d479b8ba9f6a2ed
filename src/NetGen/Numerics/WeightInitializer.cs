using System;

namespace NetGen.Numerics;

/// <summary>Fills a weight matrix <c>[fanOut, fanIn]</c> according to an <see cref="Init"/>.</summary>
public static class WeightInitializer
{
    /// <summary>
    /// Fills <paramref name="weights"/> (row-major <c>[fanOut, fanIn]</c>). <see cref="Init.Auto"/> must be
    /// resolved by the caller, since it depends on the activation.
    /// </summary>
    public static void Fill(Span<float> weights, Init init, int fanIn, int fanOut, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (fanIn <= 0 || fanOut <= 0) throw new ArgumentOutOfRangeException(nameof(fanIn), $"Fan-in and fan-out must be positive (got {fanIn} and {fanOut}).");
        if (weights.Length != fanIn * fanOut) throw new ArgumentException($"Expected {fanIn * fanOut} weights ({fanOut} x {fanIn}), got {weights.Length}.", nameof(weights));
        switch (init)
        {
            case Init.Glorot: FillUniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), random); break;
            case Init.He: FillUniform(weights, Math.Sqrt(6.0 / fanIn), random); break;
            case Init.LeCun: FillUniform(weights, Math.Sqrt(3.0 / fanIn), random); break;
            case Init.Orthogonal: FillOrthogonal(weights, fanIn, fanOut, random); break;
            case Init.Zeros: weights.Clear(); break;
            default: throw new ArgumentOutOfRangeException(nameof(init), init, "Resolve Init.Auto to a concrete scheme before filling.");
        }
    }

    private static void FillUniform(Span<float> weights, double limit, SeededRandom random)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)random.NextSymmetric(limit);
    }

    /// <summary>
    /// Gram–Schmidt (modified, twice for stability) on the shorter dimension of a random normal matrix,
    /// as <c>torch.nn.init.orthogonal_</c> does with QR: rows orthonormal when fanOut ≤ fanIn, columns otherwise.
    /// </summary>
    private static void FillOrthogonal(Span<float> weights, int fanIn, int fanOut, SeededRandom random)
    {
        bool rowsOrthonormal = fanOut <= fanIn;
        int count = rowsOrthonormal ? fanOut : fanIn, length = rowsOrthonormal ? fanIn : fanOut;
        var vectors = new double[count * length];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = random.NextNormal();
        for (int v = 0; v < count; v++)
        {
            Span<double> current = vectors.AsSpan(v * length, length);
            for (int pass = 0; pass < 2; pass++)
                for (int u = 0; u < v; u++)
                {
                    ReadOnlySpan<double> previous = vectors.AsSpan(u * length, length);
                    double projection = 0;
                    for (int k = 0; k < length; k++) projection += current[k] * previous[k];
                    for (int k = 0; k < length; k++) current[k] -= projection * previous[k];
                }
            double norm = 0;
            for (int k = 0; k < length; k++) norm += current[k] * current[k];
            double inverse = 1.0 / Math.Sqrt(norm);
            for (int k = 0; k < length; k++) current[k] *= inverse;
        }
        for (int o = 0; o < fanOut; o++)
            for (int i = 0; i < fanIn; i++)
                weights[o * fanIn + i] = (float)(rowsOrthonormal ? vectors[o * fanIn + i] : vectors[i * fanOut + o]);
    }
}
