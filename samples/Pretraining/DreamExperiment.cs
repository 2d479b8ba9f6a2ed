using System;
using System.IO;
using NetGen;

/// <summary>
/// (c) Digits dreamt by a deep belief net: a 64-200 RBM trained by CD-1 on the (nudged) digits, a 200-200 RBM trained
/// by PCD on its hidden probabilities, then Gibbs sampling in the top RBM and one top-down pass to the pixels.
/// </summary>
public static class DreamExperiment
{
    public const int Seed = 2, Epochs = 30, Samples = 100, GibbsSteps = 1000;

    public static void Run(Dataset digits, string outputDirectory)
    {
        Console.WriteLine("(c) digits sampled from a deep belief net");
        Dataset data = Digits.Nudged(digits);
        var bottom = new Rbm(DigitsData.PixelCount, 200, seed: Seed);
        bottom.Train(data, new RbmTrainingOptions { LearningRate = 0.05f, Momentum = 0.5f, Epochs = Epochs, Seed = Seed });
        var codes = new float[data.Count * bottom.HiddenCount];
        bottom.HiddenProbabilities(data.Inputs, codes, data.Count);
        var top = new Rbm(bottom.HiddenCount, 200, seed: Seed + 1);
        top.Train(codes, new RbmTrainingOptions { LearningRate = 0.01f, Momentum = 0.5f, Epochs = Epochs, Persistent = true, BatchSize = 100, Seed = Seed + 1 });
        Console.WriteLine($"    64-200-200 DBN: bottom reconstruction error {bottom.ReconstructionError(data.Inputs, data.Count):F4}, " +
            $"top {top.ReconstructionError(codes, data.Count):F4}");

        var dbn = new DeepBeliefNetwork([bottom, top]);
        float[] samples = dbn.Sample(Samples, GibbsSteps, Seed);
        Directory.CreateDirectory(outputDirectory);
        string path = Path.Combine(outputDirectory, "dbn-samples.png");
        Digits.WriteGrid(path, samples, columns: 10, scale: 4);
        Console.WriteLine($"    {Samples} samples after {GibbsSteps} Gibbs steps from random states: {path}");
        Console.WriteLine();
    }
}
