using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The recurrent networks of the sequence tests, generated as source and compiled by the real generator in ONE
/// in-memory compilation (as <see cref="ActivationLossNetworks"/>). None sets SequenceLength, so each starts with
/// room for one step and its workspace grows on the first longer sequence: every test below runs on grown buffers.
/// </summary>
public sealed class SequenceNetworks
{
    /// <summary>One network: its class name, loss, whether the output (and target) has one row per step, and its layers after [Input].</summary>
    public sealed record Definition(string Name, Loss Loss, bool TargetPerStep, int InputSize, string Layers);

    public static readonly Activation[] ElmanActivations =
        [Activation.Linear, Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu, Activation.Gelu, Activation.Softplus, Activation.Selu, Activation.Silu];

    public static string Elman(Activation activation) => "Elman" + activation;

    public static IReadOnlyList<Definition> Definitions { get; } = CreateDefinitions();

    private static List<Definition> CreateDefinitions()
    {
        // A simple recurrent layer with each activation; the output reads the last step.
        var definitions = ElmanActivations
            .Select(activation => new Definition(Elman(activation), Loss.MeanSquaredError, false, 3,
                $"[Recurrent(4, Activation.{activation})] public partial RecurrentLayer Rnn {{ get; }}\n[Dense(2)] public partial DenseLayer Out {{ get; }}"))
            .ToList();
        definitions.AddRange(
        [
            new("Lstm", Loss.MeanSquaredError, false, 3, """
                [Lstm(4)] public partial LstmLayer Memory { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("LstmForgetBias", Loss.MeanSquaredError, false, 3, """
                [Lstm(4, ForgetBias = 1f)] public partial LstmLayer Memory { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            // Stacks: the first layer hands every step on; the second hands on its last.
            new("LstmThenRecurrent", Loss.MeanSquaredError, false, 3, """
                [Lstm(4, ReturnSequences = true)] public partial LstmLayer First { get; }
                [Recurrent(3)] public partial RecurrentLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("RecurrentThenLstm", Loss.MeanSquaredError, false, 3, """
                [Recurrent(4, ReturnSequences = true)] public partial RecurrentLayer First { get; }
                [Lstm(3)] public partial LstmLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            // ReturnSequences on the last recurrent layer: the dense output runs on every step, a target per step.
            new("RecurrentSequence", Loss.MeanSquaredError, true, 3, """
                [Recurrent(4, ReturnSequences = true)] public partial RecurrentLayer Rnn { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("LstmSequenceSoftmax", Loss.CrossEntropy, true, 3, """
                [Lstm(4, ReturnSequences = true)] public partial LstmLayer Memory { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
                """),
            new("RecurrentSequenceSigmoid", Loss.BinaryCrossEntropy, true, 3, """
                [Recurrent(4, Activation.Gelu, ReturnSequences = true)] public partial RecurrentLayer Rnn { get; }
                [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
                """),
            // Dense layers before the recurrent layer run on every step, as do two dense layers after a sequence.
            new("DenseBeforeRecurrent", Loss.MeanSquaredError, false, 3, """
                [Dense(4, Activation.Tanh)] public partial DenseLayer Embed { get; }
                [Recurrent(4)] public partial RecurrentLayer Rnn { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("DenseAroundLstmSequence", Loss.MeanSquaredError, true, 3, """
                [Dense(5, Activation.Relu)] public partial DenseLayer Embed { get; }
                [Lstm(4, ReturnSequences = true)] public partial LstmLayer Memory { get; }
                [Dense(3, Activation.Tanh)] public partial DenseLayer Head { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            // Loop-emitted (more than 256 weights): W_ih 64 x 20 and W_hh 64 x 16; 16 x 20 + 16 x 16; and an LSTM
            // with W_ih 32 x 12 after a dense layer, so its input gradient (W_ihᵀ·δ) runs through the loop path too
            // (its W_hh, 32 x 8 = 256, is a product written out: both kinds in one layer).
            new("WideLstm", Loss.MeanSquaredError, false, 20, """
                [Lstm(16)] public partial LstmLayer Memory { get; }
                [Dense(3)] public partial DenseLayer Out { get; }
                """),
            new("WideRecurrentSequence", Loss.CrossEntropy, true, 20, """
                [Recurrent(16, ReturnSequences = true)] public partial RecurrentLayer Rnn { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
                """),
            // A loop-emitted dense layer (16 x 20) that runs on every step and hands its input gradient back to the LSTM.
            new("WidePerStepDense", Loss.MeanSquaredError, true, 5, """
                [Lstm(16, ReturnSequences = true)] public partial LstmLayer Memory { get; }
                [Dense(20, Activation.Tanh)] public partial DenseLayer Mix { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("WideStack", Loss.MeanSquaredError, false, 4, """
                [Dense(12, Activation.Tanh)] public partial DenseLayer Embed { get; }
                [Lstm(8, ReturnSequences = true)] public partial LstmLayer Memory { get; }
                [Recurrent(4)] public partial RecurrentLayer Rnn { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            // GRUs (torch.nn.GRUCell): alone on the last step, with an UpdateBias, on every step, and stacked with the other kinds
            // both ways, so that each kind's input gradient reaches a GRU and a GRU's reaches each kind.
            new("Gru", Loss.MeanSquaredError, false, 3, """
                [Gru(4)] public partial GruLayer Memory { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("GruUpdateBias", Loss.MeanSquaredError, false, 3, """
                [Gru(4, UpdateBias = 1f)] public partial GruLayer Memory { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("GruSequence", Loss.MeanSquaredError, true, 3, """
                [Gru(4, ReturnSequences = true)] public partial GruLayer Memory { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("GruSequenceSoftmax", Loss.CrossEntropy, true, 3, """
                [Gru(4, ReturnSequences = true, UpdateBias = -0.5f)] public partial GruLayer Memory { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
                """),
            new("GruThenLstm", Loss.MeanSquaredError, false, 3, """
                [Gru(4, ReturnSequences = true)] public partial GruLayer First { get; }
                [Lstm(3)] public partial LstmLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("LstmThenGru", Loss.MeanSquaredError, false, 3, """
                [Lstm(4, ReturnSequences = true)] public partial LstmLayer First { get; }
                [Gru(3)] public partial GruLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("GruThenRecurrent", Loss.MeanSquaredError, false, 3, """
                [Gru(4, ReturnSequences = true)] public partial GruLayer First { get; }
                [Recurrent(3)] public partial RecurrentLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("RecurrentThenGru", Loss.MeanSquaredError, false, 3, """
                [Recurrent(4, ReturnSequences = true)] public partial RecurrentLayer First { get; }
                [Gru(3)] public partial GruLayer Second { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            new("GruThenGruSequence", Loss.BinaryCrossEntropy, true, 3, """
                [Gru(4, ReturnSequences = true)] public partial GruLayer First { get; }
                [Gru(3, ReturnSequences = true, UpdateBias = 0.5f)] public partial GruLayer Second { get; }
                [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
                """),
            // SELU and SiLU dense layers on every step around a GRU sequence.
            new("DenseAroundGruSequence", Loss.MeanSquaredError, true, 3, """
                [Dense(5, Activation.Selu)] public partial DenseLayer Embed { get; }
                [Gru(4, ReturnSequences = true)] public partial GruLayer Memory { get; }
                [Dense(3, Activation.Silu)] public partial DenseLayer Head { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
                """),
            // Loop-emitted GRUs: W_ih 51 x 20 and W_hh 51 x 17, 17 units (the kernels' vector loop and their scalar
            // tail); and 16 units (the vector loop alone) with W_ih 48 x 12 after a dense layer, so that its input
            // gradient (W_ihᵀ·δ_i) runs through the loop path too.
            new("WideGru", Loss.MeanSquaredError, false, 20, """
                [Gru(17)] public partial GruLayer Memory { get; }
                [Dense(3)] public partial DenseLayer Out { get; }
                """),
            new("WideGruSequence", Loss.CrossEntropy, true, 4, """
                [Dense(12, Activation.Tanh)] public partial DenseLayer Embed { get; }
                [Gru(16, ReturnSequences = true, UpdateBias = 0.5f)] public partial GruLayer Memory { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
                """),
        ]);
        return definitions;
    }

    public static Definition Find(string name) => Definitions.Single(definition => definition.Name == name);

    public static TheoryData<string> Names(Func<Definition, bool>? where = null)
        => new(Definitions.Where(where ?? (_ => true)).Select(definition => definition.Name));

    public static string Source(Definition definition, int seed)
    {
        string layers = string.Join("\n", definition.Layers.Split('\n').Select(line => "        " + line.Trim()));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            using NetGen;
            namespace SequenceCheck
            {
                [Network(Loss = Loss.{{definition.Loss}}, Seed = {{seed}})]
                public partial class {{definition.Name}}
                {
                    [Input({{definition.InputSize}})] public partial InputLayer In { get; }
            {{layers}}
                }
            }
            """);
    }

    /// <summary>One compilation for the whole run, however many test classes use the fixture.</summary>
    private static readonly Lazy<Assembly> s_assembly = new(
        () => GeneratorHarness.CompileAndLoad(Definitions.Select((definition, i) => Source(definition, seed: 500 + i)).ToArray()));

    public Assembly Assembly => s_assembly.Value;

    /// <summary>A fresh instance (its parameterless constructor: the declared seed).</summary>
    public INetwork Create(string name)
    {
        Type type = Assembly.GetType("SequenceCheck." + name, throwOnError: true)!;
        return (INetwork)Activator.CreateInstance(type)!;
    }

    /// <summary>A sequence of <paramref name="steps"/> steps for <paramref name="network"/>, values in [−1.5, 1.5).</summary>
    public static float[] Input(INetwork network, int steps, int seed) => TestData.Uniform(steps * network.InputSize, seed, scale: 1.5);

    /// <summary>A target of the output's shape: one row per step when <see cref="Definition.TargetPerStep"/>, each suited to the loss.</summary>
    public static float[] Target(Definition definition, INetwork network, int steps, int seed)
    {
        int rows = definition.TargetPerStep ? steps : 1;
        var target = new float[rows * network.OutputSize];
        for (int t = 0; t < rows; t++)
        {
            float[] row = definition.Loss == Loss.CrossEntropy && t % 2 == 1
                ? TestData.SoftTarget(network.OutputSize, seed + t)
                : TestData.Target(definition.Loss, network.OutputSize, seed + t);
            row.CopyTo(target, t * network.OutputSize);
        }
        return target;
    }
}
