using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetGen;

// The adding problem (Hochreiter & Schmidhuber 1997, experiment 4; the rules are in AddingTask.cs): an LSTM
// learns to add two marked values across a lag of T/2 steps or more; a simple RNN of the same size does not. Two GRUs
// of the same size (update-gate bias 0 and 1) get the LSTM's budget, and so does a temporal convolution network
// (Bai et al. 2018), which sees the whole sequence at once instead of carrying a memory along it.
// Exits 1 when the LSTM ends above 1 % wrong on the test set, so the run doubles as a smoke check; 2 on bad arguments.
const int TestSize = 2_560; // the paper's test set
// Clipping matters here: with forget gates near 1 the gradient can grow over a hundred steps, and in the first few
// thousand sequences its norm often reaches hundreds or thousands (the "clipped" column of the progress lines).
const float LearningRate = 1e-3f, MaxGradientNorm = 1f;
const int BatchSize = 1; // online, as in the paper: one update per sequence

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // χ, σ, τ

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

var total = Stopwatch.StartNew();
var task = new AddingTask(options.Steps);
int rnnBudget = Math.Min(options.RnnSequences, options.Sequences);
Console.WriteLine($"The adding problem (Hochreiter & Schmidhuber 1997, experiment 4), T = {task.MinLength}: sequences of {task.MinLength}..{task.MaxLength} pairs,");
Console.WriteLine($"X1 marked among the first {AddingTask.FirstMarkWindow} pairs, X2 among the first {task.SecondMarkWindow}; target 0.5 + (X1 + X2)/4 at the end,");
Console.WriteLine($"correct when |error| < {AddingTask.Tolerance}; minimal time lag {task.MinimalLag} steps.");
Console.WriteLine($"Always answering 0.5 scores MSE {task.ConstantAnswerMse:F4} here ({AddingTask.IndependentUniformMse:F4} = 1/24 if X1, X2 were never zeroed on the first pair).");
Console.WriteLine($"Adam lr {LearningRate}, gradient norm clipped at {MaxGradientNorm}, {(BatchSize == 1 ? "online (one update per fresh sequence)" : $"batches of {BatchSize} fresh sequences")}; seed {options.Seed}.");

// --- LSTM ---------------------------------------------------------------------------------------------------
var lstm = new AddingLstm(options.Seed);
(TrainingRun lstmRun, Evaluation lstmTest) = TrainAndTest(lstm,
    $"LSTM: up to {options.Sequences:N0} training sequences; every {SampleTraining.CheckInterval(options.Sequences):N0}, a check on {SampleTraining.CheckSize:N0} fresh sequences, stopping once under {SampleTraining.GoalWrongFraction:P0} are wrong",
    AddingLstm.Summary, GatedMemory(AddingLstm.PredictedStepGains[1]), options.Sequences);

// --- GRU: the LSTM's size and budget -------------------------------------------------------------------------
var gru = new AddingGru(options.Seed);
(TrainingRun gruRun, Evaluation gruTest) = TrainAndTest(gru,
    $"GRU with UpdateBias = 0 (PyTorch's): the LSTM's budget, up to {options.Sequences:N0} training sequences, the same checks",
    AddingGru.Summary, GatedMemory(AddingGru.PredictedStepGains[1]), options.Sequences);

var gruBiased = new AddingGruUpdateBias1(options.Seed);
(TrainingRun gruBiasedRun, Evaluation gruBiasedTest) = TrainAndTest(gruBiased,
    $"GRU with UpdateBias = 1: the LSTM's budget, up to {options.Sequences:N0} training sequences, the same checks",
    AddingGruUpdateBias1.Summary, GatedMemory(AddingGruUpdateBias1.PredictedStepGains[1]), options.Sequences);

// --- simple RNN ----------------------------------------------------------------------------------------------
var rnn = new AddingRnn(options.Seed);
double gain = AddingRnn.PredictedStepGains[1]; // g, the typical factor per step, generated from the analyzer's model
(TrainingRun rnnRun, Evaluation rnnTest) = TrainAndTest(rnn,
    $"Simple RNN (tanh): {rnnBudget:N0} training sequences{(rnnBudget < options.Sequences ? " (--rnn-sequences caps it)" : "")}",
    AddingRnn.Summary, null, rnnBudget);

// --- TCN: causal dilated convolutions over the whole sequence ----------------------------------------------------
// Declared for a fixed number of positions, so it runs only where every sequence fits (T up to the default).
TrainingRun? tcnRun = null;
Evaluation? tcnTest = null;
if (task.MaxLength < AddingTcn.Steps)
{
    var tcn = new AddingTcn(options.Seed);
    var tcnLayout = new ChannelMajorLayout(AddingTcn.Steps);
    (tcnRun, tcnTest) = TrainAndTest(tcn,
        $"TCN (causal dilated Conv1D, residuals): the LSTM's budget, up to {options.Sequences:N0} training sequences, the same checks",
        AddingTcn.Summary, $"Receptive field {ReceptiveField(tcn)} steps (the longest sequence has {task.MaxLength}); each sequence is fed as 2 channels × {AddingTcn.Steps} positions, zero-padded in front.",
        options.Sequences, tcnLayout.Arrange);
}

// --- results -------------------------------------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"Results on {TestSize:N0} fresh test sequences (the same for all), T = {task.MinLength}:");
Console.WriteLine($"  {"network",-12} {"sequences",10}  {"wrong",16}  {"test MSE",9}  {"train time",10}");
Row("LSTM", lstmRun, lstmTest);
Row("GRU, bias 0", gruRun, gruTest);
Row("GRU, bias 1", gruBiasedRun, gruBiasedTest);
Row("simple RNN", rnnRun, rnnTest);
if (tcnRun is not null && tcnTest is not null) Row("TCN", tcnRun, tcnTest);
Console.WriteLine($"  (always answering 0.5: MSE {task.ConstantAnswerMse:F4})");
Console.WriteLine();
Console.WriteLine(Verdict("LSTM", lstmRun, lstmTest, " (the paper reports success after 74,000 for T = 100)"));
Console.WriteLine(Verdict("GRU with UpdateBias = 0", gruRun, gruTest, ""));
Console.WriteLine(Verdict("GRU with UpdateBias = 1", gruBiasedRun, gruBiasedTest, ""));
Console.WriteLine(tcnRun is not null && tcnTest is not null
    ? Verdict("TCN", tcnRun, tcnTest, "")
    : $"TCN: not run, it is declared for sequences of up to {AddingTcn.Steps - 1} steps and T = {task.MinLength} gives up to {task.MaxLength}.");
Console.WriteLine(rnnTest.Mse > 0.5 * task.ConstantAnswerMse
    ? $"Simple RNN: fails, test MSE {rnnTest.Mse:F4}, no better than always answering 0.5 ({task.ConstantAnswerMse:F4}): it never found the marked values."
    : $"Simple RNN: learned something, test MSE {rnnTest.Mse:F4} against {task.ConstantAnswerMse:F4} for always answering 0.5.");
// The analyzer's figure is recomputed from what the generator emits (g per step, the same model), not copied:
// `dotnet build` of this project reports the same number in NG0004, which Networks.cs suppresses on purpose.
Console.WriteLine($"As predicted at compile time: NG0004 on AddingRnn.Memory (g ≈ {gain:G2} per step for a typical sequence, from the generated AddingRnn.PredictedStepGains),");
Console.WriteLine($"  gradient from the last step to the first over the declared SequenceLength {AddingTask.DefaultMinLength}: g^{AddingTask.DefaultMinLength - 1} = {Figure(Math.Pow(gain, AddingTask.DefaultMinLength - 1))}" +
    $"; over this run's minimal lag of {task.MinimalLag} steps: g^{task.MinimalLag} = {Figure(Math.Pow(gain, task.MinimalLag))}.");
Console.WriteLine($"Total wall time {total.Elapsed.TotalSeconds:F1} s.");
return lstmTest.WrongFraction < SampleTraining.GoalWrongFraction ? 0 : 1;

// One contender: its heading, summary and an optional note on its memory, then training on `budget` sequences and the test set.
(TrainingRun Run, Evaluation Test) TrainAndTest(INetwork network, string heading, string summary, string? note, int budget,
    SequenceLayout? layout = null)
{
    Console.WriteLine();
    Console.WriteLine($"=== {heading} ===");
    Console.WriteLine(summary);
    if (note is not null) Console.WriteLine(note);
    Console.WriteLine();
    var optimizer = new Adam(LearningRate) { MaxGradientNorm = MaxGradientNorm };
    TrainingRun run = SampleTraining.Train(network, optimizer, task, budget, BatchSize, options.Seed, Console.Out, layout);
    return (run, SampleTraining.Test(network, task, options.Seed, TestSize, layout));
}

string Verdict(string name, TrainingRun run, Evaluation test, string success)
    => test.WrongFraction < SampleTraining.GoalWrongFraction
        ? $"{name}: solved, {test.Wrong} of {TestSize:N0} wrong ({test.WrongFraction:P2}) after {run.SequencesUsed:N0} training sequences{success}."
        : $"{name}: not under {SampleTraining.GoalWrongFraction:P0} wrong on the test set: {test.WrongFraction:P2} after {run.SequencesUsed:N0} training sequences" +
          (run.ReachedGoal ? " (the last check was under it: train longer or try another --seed)." : " (raise --sequences or try another --seed).");

// A gated layer's memory at initialisation from its generated PredictedStepGains entry: λ, the long-run factor on its
// state gradient's mean square per step (the gates' and the recurrent weights' mean field), so τ = −2/ln λ.
static string GatedMemory(double stepGain)
{
    double tau = -2 / Math.Log(stepGain);
    string memory = stepGain >= 1 ? "no decay (λ ≥ 1)" : $"τ = −2/ln λ = {tau.ToString(tau < 10 ? "F1" : "F0", CultureInfo.InvariantCulture)} steps";
    return $"Memory at initialisation (from the generated PredictedStepGains): the state gradient's mean square × {stepGain:F3} per step, " +
        $"{memory} (NG0006 asks for SequenceLength/10 = {AddingTask.DefaultMinLength / 10}).";
}

void Row(string name, TrainingRun run, Evaluation test)
    => Console.WriteLine($"  {name,-12} {run.SequencesUsed,10:N0}  {$"{test.Wrong,5} = {test.WrongFraction,7:P2}",16}  {test.Mse,9:F5}  {run.Elapsed.TotalSeconds,8:F1} s");

// Steps an output of a stack of causal convolutions sees: 1 + Σ (kernel − 1)·dilation over the layers before the
// read-out (the last layer, whose two taps span the whole input).
static int ReceptiveField(INetwork network)
{
    int steps = 1;
    for (int l = 1; l < network.Layers.Count - 1; l++)
        if (network.Layers[l].Window is Window w) steps += (w.KernelWidth - 1) * w.DilationWidth;
    return steps;
}

static string Figure(double value) => value.ToString("0.0e+00", CultureInfo.InvariantCulture); // as the analyzer writes small figures
