namespace NetGen.Tests.Networks;

/// <summary>A pretrained body under the head it was trained with.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 71)]
public partial class PretrainedNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh, Name = "body")] public partial DenseLayer Body { get; }
    [Dense(2, Activation.Softmax, Name = "head")] public partial DenseLayer Head { get; }
}

/// <summary>The same body under a new head of another size and name, as for fine-tuning on a new task.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 72)]
public partial class FineTunedNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh, Name = "body")] public partial DenseLayer Body { get; }
    [Dense(5, Activation.Softmax, Name = "classifier")] public partial DenseLayer Classifier { get; }
}

/// <summary>The module <c>nn.LSTM(3, 4, num_layers=2, batch_first=True)</c> as <c>lstm</c>, then <c>nn.Linear(4, 2)</c> as <c>fc</c>.</summary>
[Network(Seed = 73, SequenceLength = 5)]
public partial class StackedLstmNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(4, ReturnSequences = true, Name = "lower")] public partial LstmLayer Lower { get; }
    [Lstm(4, Name = "upper")] public partial LstmLayer Upper { get; }
    [Dense(2, Name = "fc")] public partial DenseLayer Out { get; }
}

/// <summary>The module <c>nn.GRU(3, 5, num_layers=2)</c> as <c>gru</c>, then <c>nn.Linear(5, 1)</c> as <c>fc</c>.</summary>
[Network(Seed = 74, SequenceLength = 5)]
public partial class StackedGruNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(5, ReturnSequences = true, Name = "g0")] public partial GruLayer G0 { get; }
    [Gru(5, Name = "g1")] public partial GruLayer G1 { get; }
    [Dense(1, Name = "fc")] public partial DenseLayer Out { get; }
}

/// <summary>The module <c>nn.RNN(2, 3)</c> as <c>rnn</c>, then <c>nn.Linear(3, 1)</c> as <c>fc</c>.</summary>
[Network(Seed = 75, SequenceLength = 5)]
public partial class SingleRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3, Name = "cell")] public partial RecurrentLayer Cell { get; }
    [Dense(1, Name = "fc")] public partial DenseLayer Out { get; }
}
