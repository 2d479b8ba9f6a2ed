using System;

namespace NetGen.Numerics;

/// <summary>
/// A simple recurrent layer (torch.nn.RNNCell) in the generated inference form: h_t = φ(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)
/// is one dense product over [x_t; h_{t−1}] stacked (<see cref="InferenceKernels.Dense{TAct}"/>), so W_ihᵀ and W_hhᵀ are
/// packed one above the other and the two biases summed.
/// </summary>
public static class ElmanInferenceKernels
{
    /// <summary>
    /// Packs PyTorch's W_ih <c>[H, in]</c>, W_hh <c>[H, H]</c>, b_ih and b_hh <c>[H]</c> into <paramref name="transposed"/>
    /// (<c>[in + H, Stride(H)]</c>: W_ihᵀ's rows, then W_hhᵀ's) and <paramref name="packedBias"/> (<c>Stride(H)</c>, b_ih + b_hh).
    /// </summary>
    public static void Pack(ReadOnlySpan<float> inputWeights, ReadOnlySpan<float> recurrentWeights, ReadOnlySpan<float> inputBias,
        ReadOnlySpan<float> recurrentBias, Span<float> transposed, Span<float> packedBias)
    {
        int units = inputBias.Length, stride = InferenceKernels.Stride(units);
        int inputs = units == 0 ? 0 : inputWeights.Length / units;
        if (recurrentBias.Length != units || recurrentWeights.Length != units * units || transposed.Length != (inputs + units) * stride)
            throw new ArgumentException($"Expected W_hh [{units}, {units}], b_hh of {units} and Wᵀ of {inputs + units} x {stride}.");
        InferenceKernels.PackDense(recurrentWeights, recurrentBias, transposed.Slice(inputs * stride), packedBias);
        InferenceKernels.PackDense(inputWeights, inputBias, transposed.Slice(0, inputs * stride), packedBias);
        for (int o = 0; o < units; o++) packedBias[o] += recurrentBias[o];
    }
}
