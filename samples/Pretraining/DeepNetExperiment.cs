using System;
using NetGen;

/// <summary>
/// (b) Five sigmoid hidden layers (64-100-100-100-100-100-10) fine-tuned by the same SGD budget from three starts:
/// random (Glorot) initialisation, greedy RBM pre-training (a deep belief net) and greedy autoencoder pre-training.
/// </summary>
public static class DeepNetExperiment
{
    public const int Seed = 1, PretrainingEpochs = 10, FineTuningEpochs = 20, BatchSize = 32;
    public const float LearningRate = 0.05f, Momentum = 0.9f;

    public static void Run(Dataset digits)
    {
        Console.WriteLine("(b) 5 sigmoid hidden layers: random initialisation vs pre-training, then the same fine-tuning");
        var (originalTrain, test) = digits.Split(0.8, Seed);
        Dataset train = Digits.Nudged(originalTrain); // nudge the training images only: the test images stay unseen
        Console.WriteLine($"    {train.Count} train (nudged), {test.Count} test; fine-tuning: SGD lr {LearningRate}, momentum {Momentum}, batch {BatchSize}");
        Console.WriteLine($"    the analyzer's predicted gradient ratio |grad W_first| / |grad W_last| at initialisation: {DeepSigmoidNet.PredictedGradientRatio:G2} (NG0001)");

        var random = new DeepSigmoidNet();

        var rbm = new DeepSigmoidNet();
        Pretraining.Rbms(rbm, train, new RbmTrainingOptions { LearningRate = 0.05f, Momentum = 0.5f, Epochs = PretrainingEpochs, Seed = Seed },
            epochEnded: e => Report("RBM", e));

        var autoencoder = new DeepSigmoidNet();
        Pretraining.Autoencoders(autoencoder, train, new AutoencoderTrainingOptions { Epochs = PretrainingEpochs, BatchSize = BatchSize, Optimizer = static () => new Adam(1e-2f), Seed = Seed },
            epochEnded: e => Report("autoencoder", e));

        Console.WriteLine($"    {"epochs",6}  {"random init",11}  {"RBM (DBN)",11}  {"autoencoder",11}   (test accuracy)");
        INetwork[] nets = [random, rbm, autoencoder];
        var optimizers = new IOptimizer[nets.Length];
        for (int n = 0; n < nets.Length; n++) optimizers[n] = new Sgd(LearningRate, Momentum);
        for (int done = 0; done < FineTuningEpochs; done += 5)
        {
            var accuracies = new double[nets.Length];
            for (int n = 0; n < nets.Length; n++)
            {
                new Trainer(nets[n], optimizers[n]) { Epochs = 5, BatchSize = BatchSize, Seed = Seed + done }.Train(train);
                accuracies[n] = Trainer.Evaluate(nets[n], test).Accuracy;
            }
            Console.WriteLine($"    {done + 5,6}  {accuracies[0],11:F4}  {accuracies[1],11:F4}  {accuracies[2],11:F4}");
        }
        Console.WriteLine();
    }

    private static void Report(string kind, PretrainingEpoch e)
    {
        if (e.Epoch == PretrainingEpochs) Console.WriteLine($"    {kind} pre-training, layer {e.LayerName}: reconstruction error {e.ReconstructionError:F4}");
    }
}
