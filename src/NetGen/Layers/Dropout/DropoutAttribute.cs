using System;

namespace NetGen;

/// <summary>
/// Inverted dropout, as <c>torch.nn.Dropout(p)</c>: in training (<c>TrainStep</c>, <c>TrainBatch</c>) each value is zeroed
/// with probability <see cref="Probability"/> and the others scaled by 1/(1 − p); in evaluation (<c>Forward</c>) and in
/// ONNX export it passes values through unchanged. The masks come from the network's seed and are reproducible.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares dropout with probability <paramref name="probability"/>, in [0, 1).</summary>
    public DropoutAttribute(double probability = 0.5) => Probability = probability;

    /// <summary>The probability p of zeroing each value in training.</summary>
    public double Probability { get; }
}
