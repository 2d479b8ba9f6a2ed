using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// One small network per form of the normalisation and dropout kinds (batch norm over features with every activation, over
/// Conv1D and Conv2D channels, with a residual, as the output layer; layer norm over features and over channels × positions;
/// dropout with p = 0 and 0.5), compiled by the real generator in one in-memory compilation.
/// </summary>
public sealed class NormalizationVariants
{
    /// <summary>A variant: its class name, loss and layers (the input first).</summary>
    public sealed record Variant(string Name, Loss Loss, int Seed, string Layers)
    {
        public override string ToString() => Name;
    }

    public static readonly Variant[] All =
    [
        .. ActivationLossNetworks.HiddenActivations.Select((activation, i) => new Variant($"BatchNormFeatures{activation}", Loss.MeanSquaredError, 40 + i, $$"""
            [Input(4)] public partial InputLayer In { get; }
            [Dense(5)] public partial DenseLayer Hidden { get; }
            [BatchNorm(Activation.{{activation}})] public partial BatchNormLayer Norm { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """)),
        new("BatchNormConv1D", Loss.MeanSquaredError, 60, """
            [Input(2, 7)] public partial InputLayer In { get; }
            [Conv1D(3, 3)] public partial ConvLayer Conv { get; }
            [BatchNorm(Activation.Tanh)] public partial BatchNormLayer Norm { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("BatchNormConv2D", Loss.MeanSquaredError, 61, """
            [Input(2, 5, 5)] public partial InputLayer In { get; }
            [Conv2D(3, 3)] public partial ConvLayer Conv { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Norm { get; }
            [GlobalAvgPool] public partial PoolingLayer Pool { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("BatchNormResidual", Loss.MeanSquaredError, 62, """
            [Input(4)] public partial InputLayer In { get; }
            [Dense(5, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dense(5)] public partial DenseLayer Hidden2 { get; }
            [BatchNorm(Activation.Elu, Residual = nameof(Hidden))] public partial BatchNormLayer Norm { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("BatchNormOutput", Loss.CrossEntropy, 63, """
            [Input(4)] public partial InputLayer In { get; }
            [Dense(3, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dense(3)] public partial DenseLayer Logits { get; }
            [BatchNorm(Activation.Softmax)] public partial BatchNormLayer Out { get; }
            """),
        new("LayerNormFeatures", Loss.MeanSquaredError, 64, """
            [Input(4)] public partial InputLayer In { get; }
            [Dense(6)] public partial DenseLayer Hidden { get; }
            [LayerNorm(Activation.Gelu)] public partial LayerNormLayer Norm { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("LayerNormChannels", Loss.MeanSquaredError, 65, """
            [Input(2, 6)] public partial InputLayer In { get; }
            [Conv1D(3, 3)] public partial ConvLayer Conv { get; }
            [LayerNorm(Activation.Tanh)] public partial LayerNormLayer Norm { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("DropoutNone", Loss.MeanSquaredError, 66, """
            [Input(4)] public partial InputLayer In { get; }
            [Dense(6, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dropout(0)] public partial DropoutLayer Drop { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
        new("DropoutHalf", Loss.MeanSquaredError, 67, """
            [Input(4)] public partial InputLayer In { get; }
            [Dense(6, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dropout(0.5)] public partial DropoutLayer Drop { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
            """),
    ];

    public static TheoryData<string> Names() => new(All.Select(variant => variant.Name));

    public static Variant Named(string name) => All.Single(variant => variant.Name == name);

    public NormalizationVariants()
        => Assembly = GeneratorHarness.CompileAndLoad(All.Select(variant => string.Create(CultureInfo.InvariantCulture, $$"""
            using NetGen;
            namespace NormalizationCheck
            {
                [Network(Loss = Loss.{{variant.Loss}}, Seed = {{variant.Seed}})]
                public partial class {{variant.Name}}
                {
            {{variant.Layers}}
                }
            }
            """)).ToArray());

    public Assembly Assembly { get; }

    /// <summary>A fresh instance (its declared seed).</summary>
    public INetwork Create(string name)
        => (INetwork)Activator.CreateInstance(Assembly.GetType("NormalizationCheck." + name, throwOnError: true)!)!;
}
