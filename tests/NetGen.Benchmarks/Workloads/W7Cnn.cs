using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>What the W7 workloads (the Fashion-MNIST CNN, <see cref="FashionCnn"/>) share: data, geometry and operation counts.</summary>
public static class W7Cnn
{
    /// <summary>Samples per training step.</summary>
    public const int BatchSize = 32;

    /// <summary>SGD's learning rate.</summary>
    public const float LearningRate = 0.01f;

    /// <summary>A batch of images, values in [0, 1) as Fashion-MNIST's pixels scaled.</summary>
    public static float[] Images(int count, int seed) => Data.Uniform(count * FashionCnn.InputSize, seed, min: 0f, max: 1f);

    /// <summary>One-hot targets.</summary>
    public static float[] Targets(int count, int seed) => Data.OneHot(count, FashionCnn.OutputSize, seed);

    /// <summary>Conv1: 1×28×28 → 16×28×28, 3×3, padding 1 (as the generated code passes it).</summary>
    public static readonly WindowGeometry Conv1 = new(1, 28, 28, 16, 3, 3, 1, 1, 1, 1, 1, 1, 28, 28);

    /// <summary>Conv2: 16×14×14 → 32×14×14, 3×3, padding 1.</summary>
    public static readonly WindowGeometry Conv2 = new(16, 14, 14, 32, 3, 3, 1, 1, 1, 1, 1, 1, 14, 14);

    /// <summary>Pool1: 16×28×28 → 16×14×14.</summary>
    public static readonly WindowGeometry Pool1 = new(16, 28, 28, 16, 2, 2, 2, 2, 1, 1, 0, 0, 14, 14);

    /// <summary>Pool2: 32×14×14 → 32×7×7.</summary>
    public static readonly WindowGeometry Pool2 = new(32, 14, 14, 32, 2, 2, 2, 2, 1, 1, 0, 0, 7, 7);

    /// <summary>Multiply-adds of one sample forward: the two convolutions and the two dense layers.</summary>
    public const long ForwardMultiplyAdds = 16L * 9 * 784 + 32L * 144 * 196 + 128L * 1568 + 10L * 128;

    /// <summary>
    /// Multiply-adds of the convolutions' products in one TrainBatch of 32: each layer's forward W·columns and ∇W =
    /// δ·columnsᵀ, and Conv2's Wᵀ·δ (Conv1's input gets no gradient).
    /// </summary>
    public const long ConvMultiplyAdds = BatchSize * (2L * 16 * 9 * 784 + 3L * 32 * 144 * 196);

    /// <summary>Multiply-adds of one whole TrainBatch of 32: the convolutions', and the dense layers' forward, ∇W and dX.</summary>
    public const long TrainMultiplyAdds = ConvMultiplyAdds + BatchSize * 3L * (128 * 1568 + 10 * 128);
}
