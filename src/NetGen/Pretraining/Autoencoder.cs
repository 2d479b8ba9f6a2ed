using System;
using System.Numerics.Tensors;
using NetGen.Activations;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// A one-layer autoencoder with tied weights: the code is h = φ(W·x + b) (a dense layer), the reconstruction is the
/// linear x̂ = Wᵀ·h + d, and the loss is the mean squared error over every value, mean over the samples. Tying the
/// decoder to Wᵀ (Vincent et al. 2008) halves the parameters and keeps W from shrinking the code while the decoder
/// grows. W is <c>[UnitCount, InputCount]</c> row-major and b the unit bias, a dense layer's layout, so the encoder
/// copies straight into a <see cref="DenseLayer"/>. An instance is not thread-safe.
/// </summary>
public sealed class Autoencoder
{
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private float[] _inputs = [], _preActivations = [], _codes = [], _outputGradient = [], _codeGradient = [];

    /// <summary>
    /// Creates an autoencoder whose encoder has <paramref name="activation"/>; W is Glorot-uniform from
    /// <paramref name="seed"/>, the biases zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or the activation is not element-wise (Softmax) or not defined.</exception>
    public Autoencoder(int inputCount, int unitCount, Activation activation, int seed = 0)
    {
        if (inputCount <= 0) throw new ArgumentOutOfRangeException(nameof(inputCount), inputCount, "Must be positive.");
        if (unitCount <= 0) throw new ArgumentOutOfRangeException(nameof(unitCount), unitCount, "Must be positive.");
        if (!ActivationFunctions.IsElementwise(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected an element-wise activation (not Softmax).");
        InputCount = inputCount;
        UnitCount = unitCount;
        Activation = activation;
        _parameters = new float[unitCount * inputCount + unitCount + inputCount];
        _gradients = new float[_parameters.Length];
        WeightInitializer.Fill(Weights, Init.Glorot, inputCount, unitCount, new SeededRandom(seed));
    }

    /// <summary>Values per input sample.</summary>
    public int InputCount { get; }

    /// <summary>Code units (the dense layer's outputs).</summary>
    public int UnitCount { get; }

    /// <summary>The encoder's activation φ.</summary>
    public Activation Activation { get; }

    /// <summary>Every parameter, one block: W, then the encoder bias b, then the decoder bias d.</summary>
    public Span<float> Parameters => _parameters;

    /// <summary>W, <c>[UnitCount, InputCount]</c> row-major: the encoder's weight, its transpose the decoder's.</summary>
    public Span<float> Weights => _parameters.AsSpan(0, UnitCount * InputCount);

    /// <summary>b, the code units' bias (a dense layer's bias).</summary>
    public Span<float> EncoderBias => _parameters.AsSpan(UnitCount * InputCount, UnitCount);

    /// <summary>d, the reconstruction's bias.</summary>
    public Span<float> DecoderBias => _parameters.AsSpan(UnitCount * InputCount + UnitCount, InputCount);

    /// <summary>The codes h = φ(W·x + b) of <paramref name="count"/> samples.</summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void Encode(ReadOnlySpan<float> inputs, Span<float> codes, int count)
    {
        Rows.Check(inputs.Length, InputCount, count, nameof(inputs));
        Rows.Check(codes.Length, UnitCount, count, nameof(codes));
        Encode(inputs, codes, codes, count);
    }

    /// <summary>The reconstructions x̂ = Wᵀ·h + d of <paramref name="count"/> samples.</summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void Reconstruct(ReadOnlySpan<float> inputs, Span<float> reconstructions, int count)
    {
        Rows.Check(inputs.Length, InputCount, count, nameof(inputs));
        Rows.Check(reconstructions.Length, InputCount, count, nameof(reconstructions));
        var codes = new float[count * UnitCount];
        Encode(inputs, codes, codes, count);
        Decode(codes, reconstructions, count);
    }

    /// <summary>The loss: the mean of (x̂ − x)² over every value of <paramref name="count"/> samples.</summary>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not hold exactly <paramref name="count"/> rows.</exception>
    public double ReconstructionError(ReadOnlySpan<float> inputs, int count)
    {
        var reconstructions = new float[count * InputCount];
        Reconstruct(inputs, reconstructions, count);
        double sum = 0;
        for (int i = 0; i < reconstructions.Length; i++)
        {
            double difference = (double)reconstructions[i] - inputs[i];
            sum += difference * difference;
        }
        return sum / reconstructions.Length;
    }

    /// <summary>
    /// One minibatch step: the gradient of the mean loss over the batch, then <paramref name="optimizer"/>. With
    /// <paramref name="corruption"/> &gt; 0 each input is set to zero with that probability (drawn from
    /// <paramref name="random"/>, input by input) before encoding, and the clean input is the target. Returns the
    /// batch's loss, before the update.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not hold exactly <paramref name="count"/> rows, or
    /// <paramref name="corruption"/> is positive without a <paramref name="random"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="corruption"/> is not in [0, 1).</exception>
    public float TrainBatch(ReadOnlySpan<float> inputs, int count, IOptimizer optimizer, float corruption = 0f, SeededRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Rows.Check(inputs.Length, InputCount, count, nameof(inputs));
        if (!(corruption >= 0f && corruption < 1f)) throw new ArgumentOutOfRangeException(nameof(corruption), corruption, "Must be in [0, 1).");
        if (corruption > 0f && random is null) throw new ArgumentException("Masking noise needs a random source.", nameof(random));

        Span<float> corrupted = Rows.Grow(ref _inputs, count * InputCount);
        inputs.CopyTo(corrupted);
        if (corruption > 0f)
            for (int i = 0; i < corrupted.Length; i++)
                if (random!.NextDouble() < corruption) corrupted[i] = 0f;
        Span<float> preActivations = Rows.Grow(ref _preActivations, count * UnitCount);
        Span<float> codes = Rows.Grow(ref _codes, count * UnitCount);
        Span<float> outputGradient = Rows.Grow(ref _outputGradient, count * InputCount);
        Span<float> codeGradient = Rows.Grow(ref _codeGradient, count * UnitCount);
        Encode(corrupted, preActivations, codes, count);
        Decode(codes, outputGradient, count);

        // dL/dx̂ = 2(x̂ − x) / (count · InputCount) for L the mean over every value.
        TensorPrimitives.Subtract(outputGradient, inputs, outputGradient);
        float loss = TensorPrimitives.SumOfSquares(outputGradient) / outputGradient.Length;
        TensorPrimitives.Multiply(outputGradient, 2f / outputGradient.Length, outputGradient);

        // Tied weights collect two terms: h·eᵀ from the decoder and δ·x̃ᵀ from the encoder.
        _gradients.AsSpan().Clear();
        Span<float> weightGradient = _gradients.AsSpan(0, UnitCount * InputCount);
        Span<float> encoderBiasGradient = _gradients.AsSpan(UnitCount * InputCount, UnitCount);
        Span<float> decoderBiasGradient = _gradients.AsSpan(UnitCount * InputCount + UnitCount, InputCount);
        codeGradient.Clear();
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> error = outputGradient.Slice(r * InputCount, InputCount);
            Kernels.OuterProductAdd(weightGradient, codes.Slice(r * UnitCount, UnitCount), error);
            TensorPrimitives.Add(decoderBiasGradient, error, decoderBiasGradient);
            Kernels.MatrixVectorAdd(Weights, error, codeGradient.Slice(r * UnitCount, UnitCount));
        }
        ActivationFunctions.MultiplyByDerivative(Activation, preActivations, codes, codeGradient);
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> delta = codeGradient.Slice(r * UnitCount, UnitCount);
            Kernels.OuterProductAdd(weightGradient, delta, corrupted.Slice(r * InputCount, InputCount));
            TensorPrimitives.Add(encoderBiasGradient, delta, encoderBiasGradient);
        }
        optimizer.Step(_parameters, _gradients);
        return loss;
    }

    // z = W·x + b into preActivations, h = φ(z) into codes (the two may be the same span).
    private void Encode(ReadOnlySpan<float> inputs, Span<float> preActivations, Span<float> codes, int count)
    {
        ReadOnlySpan<float> weights = Weights, bias = EncoderBias;
        for (int r = 0; r < count; r++)
        {
            Span<float> row = preActivations.Slice(r * UnitCount, UnitCount);
            bias.CopyTo(row);
            Kernels.MatrixVectorAdd(weights, inputs.Slice(r * InputCount, InputCount), row);
        }
        ActivationFunctions.Apply(Activation, preActivations, codes);
    }

    private void Decode(ReadOnlySpan<float> codes, Span<float> reconstructions, int count)
    {
        ReadOnlySpan<float> weights = Weights, bias = DecoderBias;
        for (int r = 0; r < count; r++)
        {
            Span<float> row = reconstructions.Slice(r * InputCount, InputCount);
            bias.CopyTo(row);
            Kernels.TransposedMatrixVectorAdd(weights, codes.Slice(r * UnitCount, UnitCount), row);
        }
    }
}
