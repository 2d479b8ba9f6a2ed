namespace NetGen.Generators.Tests;

/// <summary>
/// The network declarations whose generated source is kept as snapshots; the compile tests build and run
/// the same ones, so every snapshot is known to be code that compiles.
/// </summary>
internal static class TestNetworks
{
    /// <summary>2-4-1 XOR: tanh hidden layer, sigmoid output, binary cross-entropy. Every layer unrolled.</summary>
    public const string Xor = """
        using NetGen;

        [Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
        public partial class XorNet
        {
            [Input(2)]                     public partial InputLayer In { get; }
            [Dense(4, Activation.Tanh)]    public partial DenseLayer Hidden { get; }
            [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
        }
        """;

    public const int XorParameterCount = 4 * 2 + 4 + 1 * 4 + 1;

    /// <summary>A residual block: Hidden2's output has Hidden1's added to it.</summary>
    public const string Residual = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError, Seed = 11)]
        public partial class ResidualNet
        {
            [Input(8)]                                                   public partial InputLayer In { get; }
            [Dense(8, Activation.Relu)]                                  public partial DenseLayer Hidden1 { get; }
            [Dense(8, Activation.Relu, Residual = nameof(Hidden1))]      public partial DenseLayer Hidden2 { get; }
            [Dense(2)]                                                   public partial DenseLayer Out { get; }
        }
        """;

    public const int ResidualParameterCount = 2 * (8 * 8 + 8) + 2 * 8 + 2;

    /// <summary>MNIST-sized: layers far above the unroll threshold, emitted as loops.</summary>
    public const string Large = """
        using NetGen;

        [Network(Loss = Loss.CrossEntropy, Seed = 42)]
        public partial class DigitsNet
        {
            [Input(784)]                    public partial InputLayer Pixels { get; }
            [Dense(128, Activation.Relu)]   public partial DenseLayer Hidden { get; }
            [Dense(10, Activation.Softmax)] public partial DenseLayer Digits { get; }
        }
        """;

    public const int LargeParameterCount = 128 * 784 + 128 + 10 * 128 + 10;

    /// <summary>Nested in a partial class inside a file-scoped namespace; internal, with a tensor name and an explicit init.</summary>
    public const string Nested = """
        using NetGen;

        namespace Contoso.Models;

        public partial class Zoo
        {
            [Network(Seed = -3)]
            internal partial class NestedNet
            {
                [Input(3)]                                                    public partial InputLayer Features { get; }
                [Dense(5, Activation.LeakyRelu, Init = Init.LeCun, Name = "encoder")] public partial DenseLayer Hidden { get; }
                [Dense(2, Activation.Linear)]                                 internal partial DenseLayer Out { get; }
            }
        }
        """;

    public const int NestedParameterCount = 5 * 3 + 5 + 2 * 5 + 2;

    /// <summary>A generic network class (the type parameter plays no part in the math).</summary>
    public const string Generic = """
        using NetGen;

        namespace Contoso.Generic
        {
            [Network(Loss = Loss.MeanSquaredError, Seed = 5)]
            public partial class TaggedNet<TTag> where TTag : notnull
            {
                [Input(3)]                       public partial InputLayer In { get; }
                [Dense(2, Activation.Softplus)]  public partial DenseLayer Out { get; }
            }
        }
        """;

    public const int GenericParameterCount = 2 * 3 + 2;

    /// <summary>Elman RNN on a sequence: 2 inputs per step, tanh recurrence over 4 units, a dense head on the last step.</summary>
    public const string Recurrent = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError, Seed = 8, SequenceLength = 10)]
        public partial class SequenceRnn
        {
            [Input(2)]                         public partial InputLayer In { get; }
            [Recurrent(4, Activation.Tanh)]    public partial RecurrentLayer Rnn { get; }
            [Dense(1)]                         public partial DenseLayer Out { get; }
        }
        """;

    public const int RecurrentParameterCount = 4 * 2 + 4 * 4 + 2 * 4 + 1 * 4 + 1;

    /// <summary>An LSTM tagger: ReturnSequences, so the softmax head runs on every step; cross-entropy per step.</summary>
    public const string Lstm = """
        using NetGen;

        [Network(Loss = Loss.CrossEntropy, Seed = 9, SequenceLength = 6)]
        public partial class TaggerLstm
        {
            [Input(3)]                              public partial InputLayer In { get; }
            [Lstm(4, ReturnSequences = true)]       public partial LstmLayer Memory { get; }
            [Dense(2, Activation.Softmax)]          public partial DenseLayer Tags { get; }
        }
        """;

    public const int LstmParameterCount = 16 * 3 + 16 * 4 + 2 * 16 + 2 * 4 + 2;

    /// <summary>A GRU over a sequence with its last step read by a SELU layer; the update gate's bias set for memory.</summary>
    public const string Gru = """
        using NetGen;

        [Network(Seed = 5, SequenceLength = 20)]
        public partial class SummaryGru
        {
            [Input(2)]                              public partial InputLayer In { get; }
            [Gru(3, UpdateBias = 1f)]               public partial GruLayer Memory { get; }
            [Dense(2, Activation.Selu)]             public partial DenseLayer Head { get; }
            [Dense(1)]                              public partial DenseLayer Out { get; }
        }
        """;

    public const string Conv = """
        using NetGen;

        [Network(Loss = Loss.CrossEntropy, Seed = 4)]
        public partial class TinyCnn
        {
            [Input(1, 8, 8)]                                            public partial InputLayer Image { get; }
            [Conv2D(4, 3, Activation.Relu, Same = true)]                public partial ConvLayer Features { get; }
            [Conv2D(4, 3, Activation.Relu, Same = true, Residual = nameof(Features))] public partial ConvLayer Block { get; }
            [MaxPool2D(2)]                                              public partial PoolingLayer Pool { get; }
            [Dense(3, Activation.Softmax)]                              public partial DenseLayer Classes { get; }
        }
        """;

    public const string Tcn = """
        using NetGen;

        [Network(Seed = 6)]
        public partial class TinyTcn
        {
            [Input(2, 16)]                                                         public partial InputLayer Signal { get; }
            [Conv1D(4, 2, Activation.Tanh, Causal = true)]                         public partial ConvLayer A { get; }
            [Conv1D(4, 2, Activation.Tanh, Causal = true, Dilation = 2, Residual = nameof(A))] public partial ConvLayer B { get; }
            [AvgPool1D(2)]                                                         public partial PoolingLayer Pool { get; }
            [GlobalAvgPool]                                                        public partial PoolingLayer Global { get; }
            [Dense(1)]                                                             public partial DenseLayer Out { get; }
        }
        """;

    public const string StreamingTcn = """
        using NetGen;

        [Network(Seed = 7)]
        public partial class StreamingTcn
        {
            [Input(1, 32)]                                                           public partial InputLayer Audio { get; }
            [Conv1D(8, 3, Activation.Tanh, Causal = true)]                           public partial ConvLayer A { get; }
            [Conv1D(8, 3, Activation.Tanh, Causal = true, Dilation = 2, Residual = nameof(A))] public partial ConvLayer B { get; }
            [Conv1D(1, 1)]                                                           public partial ConvLayer Out { get; }
        }
        """;

    /// <summary>Batch normalisation after a convolution and after a dense layer, dropout, layer normalisation: state (Buffers, Counters) and both modes.</summary>
    public const string Normalized = """
        using NetGen;

        [Network(Loss = Loss.CrossEntropy, Seed = 8)]
        public partial class NormalizedCnn
        {
            [Input(1, 6, 6)]                                              public partial InputLayer Image { get; }
            [Conv2D(2, 3)]                                                public partial ConvLayer Features { get; }
            [BatchNorm(Activation.Relu)]                                  public partial BatchNormLayer FeatureNorm { get; }
            [MaxPool2D(2)]                                                public partial PoolingLayer Pool { get; }
            [Dropout(0.25)]                                               public partial DropoutLayer Drop { get; }
            [Dense(4)]                                                    public partial DenseLayer Hidden { get; }
            [BatchNorm(Activation.Tanh)]                                  public partial BatchNormLayer HiddenNorm { get; }
            [LayerNorm]                                                   public partial LayerNormLayer Norm { get; }
            [Dense(3, Activation.Softmax)]                                public partial DenseLayer Classes { get; }
        }
        """;
}
