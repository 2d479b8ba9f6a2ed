using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// A hand-written recurrent network with a linear output on the last step (<see cref="PlainLstm"/>, <see cref="PlainGru"/>):
/// what the W5/W6 self-check needs to compare it with the generated one, forward and backward.
/// </summary>
public interface IRecurrentBaseline
{
    /// <summary>Number of weights and biases.</summary>
    int ParameterCount { get; }

    /// <summary>After Forward: the hidden state of every step, step-major (as the network's <c>LayerOutput(1)</c>).</summary>
    ReadOnlySpan<float> HiddenStates { get; }

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    void LoadParameters(ReadOnlySpan<float> parameters);

    /// <summary>Writes the parameters in NetGen's layout.</summary>
    void CopyParametersTo(Span<float> destination);

    /// <summary>Writes the gradients in NetGen's layout.</summary>
    void CopyGradientsTo(Span<float> destination);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Runs a sequence (steps × inputs values, step-major) from a zero state; the last step's output lands in <paramref name="output"/>.</summary>
    void Forward(float[] input, float[] output);

    /// <summary>After Forward: adds the gradients of the MSE loss (backpropagation through time) and returns the loss.</summary>
    float Backward(float[] target);
}

/// <summary>A hand-written SIMD recurrent forward pass (<see cref="SimdLstm"/>, <see cref="SimdGru"/>).</summary>
public interface IRecurrentSimdForward
{
    /// <summary>After Forward: the hidden state of every step, step-major.</summary>
    ReadOnlySpan<float> HiddenStates { get; }

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    void LoadParameters(ReadOnlySpan<float> parameters);

    /// <summary>Runs a sequence from a zero state; the last step's output lands in <paramref name="output"/>.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);
}
