namespace NetGen.Benchmarks.Baselines;

/// <summary>The plain-loop twins of the networks in Networks.cs.</summary>
public static class PlainNetworks
{
    /// <summary>Twin of <see cref="TanhMlp"/>: 32-64-64-8, tanh hidden, linear output, MSE.</summary>
    public static PlainMlp Tanh32x64x64x8() => new([32, 64, 64, 8], PlainActivation.Tanh, PlainActivation.Linear, PlainLoss.MeanSquaredError);

    /// <summary>Twin of <see cref="MnistMlp"/>: 784-128-10, ReLU hidden, softmax output, cross-entropy.</summary>
    public static PlainMlp Relu784x128x10() => new([784, 128, 10], PlainActivation.Relu, PlainActivation.Softmax, PlainLoss.CrossEntropy);

    /// <summary>Twin of <see cref="LstmBench"/>: LSTM 8 → 32, linear dense 32 → 1 on the last step, MSE.</summary>
    public static PlainLstm Lstm8x32x1() => new(8, 32, 1);

    /// <summary>Twin of <see cref="GruBench"/>: GRU 8 → 32, linear dense 32 → 1 on the last step, MSE.</summary>
    public static PlainGru Gru8x32x1() => new(8, 32, 1);
}
