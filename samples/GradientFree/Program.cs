using System;
using System.Globalization;
using System.Text;
using NetGen;

// Gradient-free search on the classic small benchmarks: XOR with a 2-2-1 network (NEAT's comparison), N-bit parity,
// and parity of long ±1 sequences read by a recurrent network, whose gradient vanishes through time but which
// random weight guessing solves (Schmidhuber, Hochreiter & Bengio 2001). For each task and method: how many runs
// (seeds 1..N) solved it within the budget and how many evaluations (loss calls) they needed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // ± and × in the method names

Options? options = Options.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

const int SequenceCount = 32, SequenceSeed = 2001, TestSequenceCount = 1000, TestSequenceSeed = 2002;
Dataset xor = ParityTask.Bits(2), parity3 = ParityTask.Bits(3), parity4 = ParityTask.Bits(4);
Dataset sequences = ParityTask.Sequences(SequenceCount, SequenceSeed), testSequences = ParityTask.Sequences(TestSequenceCount, TestSequenceSeed);

// One setting of each method for the feed-forward tasks, so the rows compare tasks rather than tuning. The GA's
// population is NEAT's (150). The recurrent network's solutions need weights of several units (random search finds
// them in [-10, 10]), so there the GA starts as wide and mutates twice as far.
const string GeneticName = "GA pop 150, init ±4, mutation 0.2×N(0,1)", WideGeneticName = "GA pop 150, init ±10, mutation 0.2×N(0,2)";
const string GuessingName = "random search in [-10, 10]";
GradientFreeResult Evolve(INetwork network, Dataset data, int seed, int budget, float initialRange = 4f, float mutation = 1f)
    => new GeneticAlgorithm(new GeneticAlgorithmOptions
    {
        Seed = seed, PopulationSize = 150, TournamentSize = 3, Crossover = CrossoverKind.Uniform, CrossoverRate = 0.5f,
        MutationRate = 0.2f, MutationStandardDeviation = mutation, EliteCount = 1, InitialRange = initialRange,
        MaxEvaluations = budget, Solved = NetworkObjectives.AllOutputsWithin(data), MaxDegreeOfParallelism = options.Threads,
    }).Run(network, NetworkObjectives.MeanSquaredError(data));
GradientFreeResult Guess(INetwork network, Dataset data, int seed, int budget) => new RandomSearch(new RandomSearchOptions
{
    Seed = seed, Range = 10f, MaxEvaluations = budget, Solved = NetworkObjectives.AllOutputsWithin(data),
    MaxDegreeOfParallelism = options.Threads,
}).Run(network, NetworkObjectives.MeanSquaredError(data));
double TestAccuracy(GradientFreeResult result)
{
    var network = new SequenceParityNet();
    result.Parameters.CopyTo(network.Parameters);
    return ParityTask.Accuracy(network, testSequences);
}

string rnn = $"{ParityTask.SequenceLength}-step parity, RNN";
Experiment[] experiments =
[
    new("XOR 2-2-1", GeneticName, seed => Evolve(new XorNet(), xor, seed, 150_000)),
    new("XOR 2-2-1", GuessingName, seed => Guess(new XorNet(), xor, seed, 1_000_000)),
    new("3-bit parity 3-3-1", GeneticName, seed => Evolve(new Parity3Net(), parity3, seed, 150_000)),
    new("3-bit parity 3-3-1", GuessingName, seed => Guess(new Parity3Net(), parity3, seed, 1_000_000)),
    new("4-bit parity 4-4-1", GeneticName, seed => Evolve(new Parity4Net(), parity4, seed, 300_000)),
    new("4-bit parity 4-4-1", GuessingName, seed => Guess(new Parity4Net(), parity4, seed, 1_000_000)),
    new(rnn, WideGeneticName, seed => Evolve(new SequenceParityNet(), sequences, seed, 30_000, initialRange: 10f, mutation: 2f), TestAccuracy),
    new(rnn, GuessingName, seed => Guess(new SequenceParityNet(), sequences, seed, 300_000), TestAccuracy),
];

Console.WriteLine("Solved: every output on the right side of 0.5 (within 0.5 of its 0/1 target) for every training sample.");
Console.WriteLine($"Sequence parity: {SequenceCount} random ±1 sequences of {ParityTask.SequenceLength} steps, 2 recurrent tanh units;");
Console.WriteLine($"  'test' is the solutions' mean accuracy on {TestSequenceCount} other sequences.");
Console.WriteLine();
Console.WriteLine(Experiment.Header);
foreach (Experiment experiment in experiments) Console.WriteLine(experiment.Repeat(options.Seeds));
return 0;
