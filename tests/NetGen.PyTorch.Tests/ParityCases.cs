using System;

namespace NetGen.PyTorch.Tests;

/// <summary>
/// One network of the matrix: how to build it, its PyTorch twin, and the batch it is compared on.
/// </summary>
/// <param name="Create">A fresh instance (its seeded weights are then randomised, biases included).</param>
/// <param name="Source">The generated <c>PyTorchSource</c>.</param>
/// <param name="Loss">The network's loss, which decides what valid targets are.</param>
/// <param name="Steps">Time steps per sequence (1 for a feed-forward network).</param>
/// <param name="TargetSteps">Steps the output has: <paramref name="Steps"/> when the output layer runs on every step, else 1.</param>
/// <param name="Trains">Compared in training mode too (not with dropout p &gt; 0, whose masks PyTorch draws itself).</param>
internal sealed record ParityCase(string Name, Func<INetwork> Create, string Source, Loss Loss, int Steps = 1, int TargetSteps = 1, bool Trains = true)
{
    public const int Batch = 4;

    public static readonly ParityCase[] All =
    [
        new(nameof(ActivationsMlp), () => new ActivationsMlp(), ActivationsMlp.PyTorchSource, Loss.CrossEntropy),
        new(nameof(NamedMlp), () => new NamedMlp(), NamedMlp.PyTorchSource, Loss.MeanSquaredError),
        new(nameof(BinaryMlp), () => new BinaryMlp(), BinaryMlp.PyTorchSource, Loss.BinaryCrossEntropy),
        new(nameof(ElmanSequenceNet), () => new ElmanSequenceNet(), ElmanSequenceNet.PyTorchSource, Loss.MeanSquaredError, Steps: 5, TargetSteps: 5),
        new(nameof(ElmanCellNet), () => new ElmanCellNet(), ElmanCellNet.PyTorchSource, Loss.BinaryCrossEntropy, Steps: 5),
        new(nameof(GatedSequenceNet), () => new GatedSequenceNet(), GatedSequenceNet.PyTorchSource, Loss.CrossEntropy, Steps: 5, TargetSteps: 5),
        new(nameof(GatedLastStepNet), () => new GatedLastStepNet(), GatedLastStepNet.PyTorchSource, Loss.MeanSquaredError, Steps: 6),
        new(nameof(Conv1DNet), () => new Conv1DNet(), Conv1DNet.PyTorchSource, Loss.MeanSquaredError),
        new(nameof(Conv2DNet), () => new Conv2DNet(), Conv2DNet.PyTorchSource, Loss.CrossEntropy),
        new(nameof(GlobalPool2DNet), () => new GlobalPool2DNet(), GlobalPool2DNet.PyTorchSource, Loss.BinaryCrossEntropy),
        new(nameof(GlobalPool1DNet), () => new GlobalPool1DNet(), GlobalPool1DNet.PyTorchSource, Loss.MeanSquaredError),
        new(nameof(NormalizedMlp), () => new NormalizedMlp(), NormalizedMlp.PyTorchSource, Loss.MeanSquaredError),
        new(nameof(DropoutMlp), () => new DropoutMlp(), DropoutMlp.PyTorchSource, Loss.MeanSquaredError, Trains: false),
    ];

    /// <summary>Inputs uniform in [−1, 1), the batch's rows one after the other (a sequence's steps within its row).</summary>
    public float[] Inputs(INetwork net) => Uniform(Batch * Steps * net.InputSize, seed: Seed, low: -1, high: 1);

    /// <summary>Targets the loss accepts: any values (MSE), probabilities (BCE), or a distribution over the classes per step (CE).</summary>
    public float[] Targets(INetwork net)
    {
        int width = net.OutputSize;
        float[] targets = Uniform(Batch * TargetSteps * width, seed: Seed + 1, low: Loss == Loss.MeanSquaredError ? -1 : 0, high: 1);
        if (Loss != Loss.CrossEntropy) return targets;
        for (int row = 0; row < targets.Length; row += width)
        {
            Span<float> distribution = targets.AsSpan(row, width);
            float sum = 0;
            foreach (float value in distribution) sum += value;
            for (int i = 0; i < width; i++) distribution[i] /= sum;
        }
        return targets;
    }

    /// <summary>Every parameter uniform in [−0.5, 0.5): biases and normalisation scales matter too, not only NetGen's initial weights.</summary>
    public void Randomize(INetwork net) => Uniform(net.ParameterCount, seed: Seed + 2, low: -0.5f, high: 0.5f).CopyTo(net.Parameters);

    /// <summary>Each case's own draws, the same on every run.</summary>
    private int Seed => 10 * Array.IndexOf(All, this);

    private static float[] Uniform(int count, int seed, float low, float high)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(low + (high - low) * random.NextDouble());
        return values;
    }
}
