namespace NetGen.Tests.Networks;

// Recurrent networks declared directly in the test source: the real build runs the generator on them, as users get them.

/// <summary>An Elman network sized for SequenceLength = 10; every layer unrolled. Allocation and argument tests.</summary>
[Network(Seed = 31, SequenceLength = 10)]
public partial class SequenceRnnNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(8)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>An LSTM tagger: softmax on every step, cross-entropy per step; every layer unrolled.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 32, SequenceLength = 10)]
public partial class SequenceLstmNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(8, ReturnSequences = true)] public partial LstmLayer Memory { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>An LSTM emitted as loops (W_ih 64 x 20, W_hh 64 x 16), after a dense layer that runs on every step.</summary>
[Network(Seed = 33, SequenceLength = 10)]
public partial class WideSequenceLstmNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(20, Activation.Gelu)] public partial DenseLayer Embed { get; }
    [Lstm(16)] public partial LstmLayer Memory { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>A loop-emitted dense layer (16 x 20) on every step, whose input gradient flows back into an LSTM; an output per step.</summary>
[Network(Seed = 37, SequenceLength = 10)]
public partial class PerStepDenseNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Lstm(16, ReturnSequences = true)] public partial LstmLayer Memory { get; }
    [Dense(20, Activation.Tanh)] public partial DenseLayer Mix { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Distinctive sizes for the argument checks: 7 inputs per step, 3 outputs on every step (ReturnSequences).
/// Parameters: Rnn 5·7 + 5·5 + 2·5 = 70 (offset 0), Out 3·5 + 3 = 18 (offset 70); 88 in all.
/// </summary>
[Network(Seed = 34)]
public partial class SequenceLayoutNet
{
    [Input(7)] public partial InputLayer In { get; }
    [Recurrent(5, ReturnSequences = true, Name = "rnn")] public partial RecurrentLayer Rnn { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>The same sizes with an LSTM that hands on its last step only: the output is 3 values for any length.</summary>
[Network(Seed = 35)]
public partial class LastStepNet
{
    [Input(7)] public partial InputLayer In { get; }
    [Lstm(5)] public partial LstmLayer Memory { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>PyTorch parity: torch.nn.LSTMCell(2, 3) followed by torch.nn.Linear(3, 2).</summary>
[Network(Seed = 36)]
public partial class ParityLstmNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Lstm(3)] public partial LstmLayer Cell { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>PyTorch parity: torch.nn.RNNCell(2, 3) (tanh) followed by torch.nn.Linear(3, 2).</summary>
[Network(Seed = 37)]
public partial class ParityRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3)] public partial RecurrentLayer Cell { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>PyTorch parity: torch.nn.RNNCell(2, 3, nonlinearity='relu') followed by torch.nn.Linear(3, 2).</summary>
[Network(Seed = 38)]
public partial class ParityReluRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3, Activation.Relu)] public partial RecurrentLayer Cell { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Default recurrent init on matrices large enough for variance checks: an LSTM (W_ih per gate 64 x 96, Glorot
/// 2/160 where He would be 2/96) and a ReLU Elman layer (W_ih 64 x 64, He 2/64 where Glorot would be 2/128).
/// </summary>
[Network(Seed = 41)]
public partial class RecurrentInitNet
{
    [Input(96)] public partial InputLayer In { get; }
    [Lstm(64, ReturnSequences = true)] public partial LstmLayer Memory { get; }
    [Recurrent(64, Activation.Relu)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>RecurrentInitNet with ForgetBias: with the same seed, only b_ih's forget-gate block may differ.</summary>
[Network(Seed = 41)]
public partial class ForgetBiasInitNet
{
    [Input(96)] public partial InputLayer In { get; }
    [Lstm(64, ReturnSequences = true, ForgetBias = 1.5f)] public partial LstmLayer Memory { get; }
    [Recurrent(64, Activation.Relu)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Explicit Init (W_ih) and RecurrentInit (W_hh), each on one matrix only.</summary>
[Network(Seed = 42)]
public partial class ExplicitRecurrentInitNet
{
    [Input(48)] public partial InputLayer In { get; }
    [Lstm(32, ReturnSequences = true, Init = Init.Zeros, RecurrentInit = Init.Glorot)] public partial LstmLayer Memory { get; }
    [Recurrent(32, Init = Init.Orthogonal, RecurrentInit = Init.Zeros)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU that hands on its last step; every layer unrolled (W_ih 18 x 3 + W_hh 18 x 6 = 162 weights).</summary>
[Network(Seed = 43, SequenceLength = 10)]
public partial class SequenceGruNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(6)] public partial GruLayer Memory { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU tagger with an UpdateBias: softmax on every step, cross-entropy per step; every layer unrolled.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 44, SequenceLength = 10)]
public partial class SequenceGruTaggerNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(6, ReturnSequences = true, UpdateBias = 1f)] public partial GruLayer Memory { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>
/// A GRU emitted as loops (W_ih 51 x 20, W_hh 51 x 17) after a dense layer that runs on every step; 17 units run
/// the kernels' vector loop and their scalar tail.
/// </summary>
[Network(Seed = 45, SequenceLength = 10)]
public partial class WideSequenceGruNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(20, Activation.Gelu)] public partial DenseLayer Embed { get; }
    [Gru(17, Name = "gru")] public partial GruLayer Memory { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>PyTorch parity: torch.nn.GRUCell(2, 3) followed by torch.nn.Linear(3, 2).</summary>
[Network(Seed = 46)]
public partial class ParityGruNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Gru(3)] public partial GruLayer Cell { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Default init of a GRU on matrices large enough for variance checks (W_ih per gate 64 x 96, Glorot 2/160, where He
/// would be 2/96), and of a tanh Elman layer on its sequence (W_ih 32 x 64, Glorot 2/96).
/// </summary>
[Network(Seed = 47)]
public partial class GruInitNet
{
    [Input(96)] public partial InputLayer In { get; }
    [Gru(64, ReturnSequences = true)] public partial GruLayer Memory { get; }
    [Recurrent(32)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>GruInitNet with UpdateBias: with the same seed, only b_ih's update-gate block may differ.</summary>
[Network(Seed = 47)]
public partial class UpdateBiasInitNet
{
    [Input(96)] public partial InputLayer In { get; }
    [Gru(64, ReturnSequences = true, UpdateBias = -0.75f)] public partial GruLayer Memory { get; }
    [Recurrent(32)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Explicit Init (W_ih) and RecurrentInit (W_hh) on a GRU, each on one matrix only.</summary>
[Network(Seed = 48)]
public partial class ExplicitGruInitNet
{
    [Input(48)] public partial InputLayer In { get; }
    [Gru(32, Init = Init.Zeros, RecurrentInit = Init.Glorot)] public partial GruLayer Memory { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}
