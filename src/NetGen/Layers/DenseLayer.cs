using System;

namespace NetGen;

/// <summary>A dense layer of a generated network: views over its slice of the parameters.</summary>
public sealed class DenseLayer
{
    private readonly float[] _parameters;

    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public DenseLayer(LayerInfo info, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(parameters);
        if (info.ParameterOffset < 0 || info.ParameterCount != info.OutputSize * (info.InputSize + 1)
            || info.ParameterOffset + info.ParameterCount > parameters.Length)
            throw new ArgumentException($"Layer '{info.Name}' does not fit a parameter block of {parameters.Length} values.", nameof(info));
        Info = info;
        _parameters = parameters;
    }

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>Number of outputs.</summary>
    public int Units => Info.OutputSize;

    /// <summary>Number of inputs.</summary>
    public int Inputs => Info.InputSize;

    /// <summary>W, <c>[Units, Inputs]</c> row-major (as <c>torch.nn.Linear.weight</c>).</summary>
    public Span<float> Weights => _parameters.AsSpan(Info.ParameterOffset, Units * Inputs);

    /// <summary>b, <c>[Units]</c>.</summary>
    public Span<float> Bias => _parameters.AsSpan(Info.ParameterOffset + Units * Inputs, Units);
}
