using System;
using System.Diagnostics;
using NetGen;

/// <summary>
/// (a) scikit-learn's "Restricted Boltzmann Machine features for digit classification": nudged digits, a Bernoulli RBM
/// of 100 hidden units trained by PCD (learning rate 0.06, minibatches of 10, 20 epochs), its hidden probabilities fed
/// to a softmax classifier, against the same classifier on raw pixels.
/// </summary>
public static class FeatureExperiment
{
    public const int Seed = 0, RbmEpochs = 20, ClassifierEpochs = 400, BatchSize = 32;
    public const double RequiredAccuracy = 0.94; // scikit-learn's figure

    /// <summary>Runs the experiment and returns the test accuracy on RBM features.</summary>
    public static double Run(Dataset digits)
    {
        Console.WriteLine("(a) RBM features for digit classification");
        // As the scikit-learn example: nudge, scale each feature onto [0, 1] by its range, then split.
        var (train, test) = Digits.MinMaxScaled(Digits.Nudged(digits)).Split(0.8, Seed);
        Console.WriteLine($"    nudged digits: {train.Count} train, {test.Count} test");

        var rbm = new Rbm(DigitsData.PixelCount, 100, seed: Seed);
        // scikit-learn's BernoulliRBM: persistent chains that sample both layers, ε = 0.06, batches of 10.
        var options = new RbmTrainingOptions
        {
            LearningRate = 0.06f, BatchSize = 10, Epochs = RbmEpochs, Persistent = true, Sampling = RbmSampling.HiddenAndVisible, Seed = Seed,
        };
        var clock = Stopwatch.StartNew();
        rbm.Train(train, options, epoch =>
        {
            if (epoch % 5 == 0 || epoch == 1)
                Console.WriteLine($"    RBM epoch {epoch,2}: pseudo-likelihood {rbm.PseudoLikelihood(train.Inputs, train.Count),7:F2}, " +
                    $"reconstruction error {rbm.ReconstructionError(train.Inputs, train.Count):F4}, {clock.Elapsed.TotalSeconds:F1} s");
        });

        double featureAccuracy = FitClassifier(new FeatureClassifier(), Features(rbm, train), Features(rbm, test));
        double pixelAccuracy = FitClassifier(new PixelClassifier(), train, test);
        string verdict = featureAccuracy >= RequiredAccuracy ? "ok" : "FAILED";
        Console.WriteLine($"    softmax on RBM features: test accuracy {featureAccuracy:F4}   (scikit-learn: 0.94; {verdict}: required {RequiredAccuracy})");
        Console.WriteLine($"    softmax on raw pixels:   test accuracy {pixelAccuracy:F4}   (scikit-learn: 0.78)");
        Console.WriteLine();
        return featureAccuracy;
    }

    // Softmax regression by Adam on minibatches, then a tenth of the step size to settle (scikit-learn fits a barely
    // regularised logistic regression, C = 6000, to convergence).
    private static double FitClassifier(INetwork classifier, Dataset train, Dataset test)
    {
        new Trainer(classifier, new Adam(1e-2f)) { Epochs = ClassifierEpochs, BatchSize = BatchSize, Seed = Seed }.Train(train);
        new Trainer(classifier, new Adam(1e-3f)) { Epochs = ClassifierEpochs / 2, BatchSize = BatchSize, Seed = Seed + 1 }.Train(train);
        return Trainer.Evaluate(classifier, test).Accuracy;
    }

    /// <summary>The RBM's hidden probabilities of every input, with the same targets: features for a classifier.</summary>
    private static Dataset Features(Rbm rbm, Dataset data)
    {
        var features = new float[data.Count * rbm.HiddenCount];
        rbm.HiddenProbabilities(data.Inputs, features, data.Count);
        return new Dataset(features, rbm.HiddenCount, data.Targets, data.TargetSize);
    }
}
