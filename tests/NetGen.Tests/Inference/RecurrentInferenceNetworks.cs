using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>An Elman layer (tanh, 16 units: the activation kernels' vector path) and a dense head on the last step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 41)]
public partial class InferenceElmanNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Recurrent(16, Activation.Tanh)] public partial RecurrentLayer Rnn { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>The benchmark's LSTM step shape (in 8, hidden 32) with a dense head on the last step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 42)]
public partial class InferenceLstmNet
{
    [Input(8)] public partial InputLayer In { get; }
    [Lstm(32, ForgetBias = 1f)] public partial LstmLayer Memory { get; }
    [Dense(4)] public partial DenseLayer Out { get; }
}

/// <summary>The GRU step shape (in 8, hidden 32; 4 · 32 = 128 packed columns) with a dense head on the last step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 43)]
public partial class InferenceGruNet
{
    [Input(8)] public partial InputLayer In { get; }
    [Gru(32, UpdateBias = 0.5f)] public partial GruLayer Memory { get; }
    [Dense(4)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU tagger: an output on every step (softmax), odd sizes (5 units: 20 packed columns, stride 32).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 44)]
public partial class InferenceGruTaggerNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(5, ReturnSequences = true)] public partial GruLayer Memory { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>A dense layer on every step, then a two-layer stack (LSTM returning sequences, then a GRU), then a dense head.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 45)]
public partial class InferenceStackedNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(12, Activation.Tanh)] public partial DenseLayer Embed { get; }
    [Lstm(8, ReturnSequences = true)] public partial LstmLayer First { get; }
    [Gru(7)] public partial GruLayer Second { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>An Elman stack (ReLU returning sequences, then GELU) and two dense layers on every step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 46)]
public partial class InferenceElmanStackNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Recurrent(6, Activation.Relu, ReturnSequences = true)] public partial RecurrentLayer First { get; }
    [Recurrent(5, Activation.Gelu, ReturnSequences = true)] public partial RecurrentLayer Second { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Mix { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A recurrent network with a residual dense layer: not taken by the inference form yet.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 47)]
public partial class InferenceRecurrentResidualNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(4, ReturnSequences = true)] public partial LstmLayer Memory { get; }
    [Dense(4, Activation.Tanh, Residual = nameof(Memory))] public partial DenseLayer Mix { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A recurrent output layer (no dense head): the GRU's h on every step is the output.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 48)]
public partial class InferenceGruOutputNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(6, ReturnSequences = true)] public partial LstmLayer First { get; }
    [Gru(4, ReturnSequences = true)] public partial GruLayer Second { get; }
}
