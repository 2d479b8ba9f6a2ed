using System;
using System.Diagnostics;
using System.IO;
using NetGen;
using NetGen.Numerics;

/// <summary>How a network did on a set of sequences.</summary>
/// <param name="Count">Sequences run.</param>
/// <param name="Wrong">Sequences whose absolute error at the end is not below <see cref="AddingTask.Tolerance"/>.</param>
/// <param name="Mse">Mean squared error at the sequence ends.</param>
public sealed record Evaluation(int Count, int Wrong, double Mse)
{
    public double WrongFraction => (double)Wrong / Count;
}

/// <summary>The outcome of <see cref="SampleTraining.Train"/>.</summary>
/// <param name="SequencesUsed">Training sequences seen.</param>
/// <param name="ReachedGoal">Whether a check found fewer than <see cref="SampleTraining.GoalWrongFraction"/> wrong.</param>
/// <param name="Elapsed">Wall time of the training, checks included.</param>
public sealed record TrainingRun(int SequencesUsed, bool ReachedGoal, TimeSpan Elapsed);

/// <summary>How a network reads a sequence of <paramref name="length"/> (value, marker) pairs written step-major in <paramref name="pairs"/>.</summary>
public delegate ReadOnlySpan<float> SequenceLayout(ReadOnlySpan<float> pairs, int length);

/// <summary>Minibatch training on a stream of fresh sequences, with a periodic check on other fresh sequences.</summary>
public static class SampleTraining
{
    /// <summary>Training sequences between two checks (and progress lines), unless the budget calls for more (<see cref="CheckInterval"/>).</summary>
    public const int CheckEvery = 2_000;
    /// <summary>At most about this many progress lines per training run.</summary>
    public const int MaxChecks = 50;
    /// <summary>Fresh sequences per check: enough that "under 1 % wrong" is rarely luck (fewer than 20 of them).</summary>
    public const int CheckSize = 2_000;
    /// <summary>Training stops once a check finds fewer than this fraction wrong.</summary>
    public const double GoalWrongFraction = 0.01;

    // Independent random streams of the seed: the networks' weights use the seed directly (their own streams).
    private const int TrainingStream = 101, CheckStream = 102, TestStream = 103;

    /// <summary>
    /// Trains <paramref name="network"/> on up to <paramref name="budget"/> fresh sequences, writing a progress line
    /// after every check (<see cref="CheckInterval"/>); stops early once a check is below <see cref="GoalWrongFraction"/> wrong.
    /// Each update follows the mean gradient of <paramref name="batchSize"/> sequences (of different lengths).
    /// Every network trained with the same seed sees the same training and check sequences. With clipping on, the
    /// progress lines show the share of updates whose gradient norm was above <see cref="Optimizer.MaxGradientNorm"/>.
    /// <paramref name="layout"/> turns each sequence into the network's input (default <see cref="StepMajor"/>).
    /// </summary>
    public static TrainingRun Train(INetwork network, Optimizer optimizer, AddingTask task, int budget, int batchSize, int seed, TextWriter log,
        SequenceLayout? layout = null)
    {
        layout ??= StepMajor;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var training = new SeededRandom(seed, TrainingStream);
        var checks = new SeededRandom(seed, CheckStream);
        float[] pairs = new float[task.MaxValues], target = new float[1], output = new float[1];
        var clock = Stopwatch.StartNew();

        log.WriteLine($"{"sequences",10}  {"train MSE",10}  {"clipped",8}  {"check: wrong",14}  {"check MSE",10}  {"elapsed",8}");
        int interval = CheckInterval(budget), used = 0, sinceReport = 0, nextCheck = interval, updates = 0, clipped = 0;
        double lossSinceReport = 0;
        while (used < budget)
        {
            int batch = Math.Min(batchSize, budget - used);
            network.ZeroGradients();
            for (int b = 0; b < batch; b++)
            {
                int length = task.Next(training, pairs, out target[0]);
                network.Forward(layout(pairs, length), output);
                lossSinceReport += network.Backward(target);
            }
            Span<float> gradients = network.Gradients; // the mean gradient of the batch
            float inverse = 1f / batch;
            for (int i = 0; i < gradients.Length; i++) gradients[i] *= inverse;
            optimizer.Step(network.Parameters, gradients);
            updates++;
            if (optimizer.LastGradientNorm > optimizer.MaxGradientNorm) clipped++; // false while clipping is off (NaN)
            used += batch;
            sinceReport += batch;

            if (used >= nextCheck || used == budget)
            {
                Evaluation check = Evaluate(network, task, checks, CheckSize, layout);
                string clipping = optimizer.MaxGradientNorm is null ? "off" : $"{(double)clipped / updates,6:P0}";
                log.WriteLine($"{used,10:N0}  {lossSinceReport / sinceReport,10:F5}  {clipping,8}  {$"{check.Wrong,4} = {check.WrongFraction,6:P1}",14}  {check.Mse,10:F5}  {clock.Elapsed.TotalSeconds,6:F1} s");
                lossSinceReport = 0;
                sinceReport = 0;
                updates = 0;
                clipped = 0;
                nextCheck += interval;
                if (check.WrongFraction < GoalWrongFraction) return new TrainingRun(used, true, clock.Elapsed);
            }
        }
        return new TrainingRun(used, false, clock.Elapsed);
    }

    /// <summary>The layout of the recurrent networks: the pairs as written, step after step.</summary>
    public static ReadOnlySpan<float> StepMajor(ReadOnlySpan<float> pairs, int length) => pairs[..(length * AddingTask.PairSize)];

    /// <summary><see cref="CheckEvery"/> sequences, or a whole number of thousands giving at most about <see cref="MaxChecks"/> checks of a large budget.</summary>
    public static int CheckInterval(int budget) => Math.Max(CheckEvery, (int)Math.Ceiling(budget / (MaxChecks * 1000.0)) * 1000);

    /// <summary>The test set: <paramref name="count"/> sequences drawn from the seed's test stream, the same for every network.</summary>
    public static Evaluation Test(INetwork network, AddingTask task, int seed, int count, SequenceLayout? layout = null)
        => Evaluate(network, task, new SeededRandom(seed, TestStream), count, layout);

    /// <summary>Runs <paramref name="count"/> fresh sequences from <paramref name="source"/> forward and counts the wrong answers.</summary>
    public static Evaluation Evaluate(INetwork network, AddingTask task, SeededRandom source, int count, SequenceLayout? layout = null)
    {
        layout ??= StepMajor;
        float[] pairs = new float[task.MaxValues], output = new float[1];
        int wrong = 0;
        double squares = 0;
        for (int n = 0; n < count; n++)
        {
            int length = task.Next(source, pairs, out float target);
            network.Forward(layout(pairs, length), output);
            double error = output[0] - target;
            squares += error * error;
            if (!(Math.Abs(error) < AddingTask.Tolerance)) wrong++; // NaN counts as wrong
        }
        return new Evaluation(count, wrong, squares / count);
    }
}
