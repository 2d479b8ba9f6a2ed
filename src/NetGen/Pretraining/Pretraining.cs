using System;
using System.Collections.Generic;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Greedy layer-wise unsupervised pre-training (Schmidhuber 1992; Hinton, Osindero &amp; Teh 2006; Bengio et al. 2007):
/// each hidden dense layer of a network, bottom up, is trained as an RBM or an autoencoder on the codes of the
/// already trained layers below it, and its weights and bias are written into the network. The output layer is left
/// as initialised. Fine-tune the whole network afterwards with backpropagation: <c>TrainBatch</c> in a loop, or
/// NetGen's <c>Trainer</c>.
/// </summary>
public static class Pretraining
{
    /// <summary>
    /// Trains one RBM per hidden layer (every dense layer but the last, each of which must be sigmoid: p(h = 1 | v) =
    /// σ(W·v + c) is exactly such a layer), stacks them into a deep belief net and copies each RBM's W and c into its
    /// layer. The first RBM's visible units are <paramref name="inputUnits"/>, the others Bernoulli; the inputs of
    /// each layer are the hidden probabilities of the one below. Layer k (from 0) draws its initial weights, shuffles
    /// and samples from streams 3k + 1, 3k + 2 and 3k + 3 of <c>options.Seed</c>.
    /// </summary>
    /// <returns>The stack of RBMs, bottom first, for generative use (<see cref="DeepBeliefNetwork.Sample(int, int, int)"/>).</returns>
    /// <exception cref="ArgumentException">The network has a layer that is not dense, a residual connection, no hidden
    /// dense layer, or a hidden layer that is not sigmoid; or the data's input size is not the network's.</exception>
    public static DeepBeliefNetwork Rbms(INetwork net, Dataset data, RbmTrainingOptions options,
        RbmVisibleUnits inputUnits = RbmVisibleUnits.Bernoulli, Action<PretrainingEpoch>? epochEnded = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(inputUnits)) throw new ArgumentOutOfRangeException(nameof(inputUnits), inputUnits, "Must be Bernoulli or Gaussian.");
        List<LayerInfo> hidden = HiddenLayers(net, data, "RBM pre-training");
        foreach (LayerInfo layer in hidden)
            if (layer.Activation != Activation.Sigmoid)
                throw new ArgumentException($"Layer '{layer.Name}' is {layer.Activation}: RBM pre-training needs Sigmoid hidden layers, since an RBM's hidden units compute σ(W·v + c).", nameof(net));

        float[] codes = data.Inputs.ToArray();
        int count = data.Count;
        var rbms = new Rbm[hidden.Count];
        for (int k = 0; k < hidden.Count; k++)
        {
            LayerInfo layer = hidden[k];
            var rbm = new Rbm(layer.InputSize, layer.OutputSize, k == 0 ? inputUnits : RbmVisibleUnits.Bernoulli, new SeededRandom(options.Seed, 3 * k + 1));
            float[] inputs = codes;
            Action<int>? report = epochEnded is null ? null
                : epoch => epochEnded(new PretrainingEpoch(layer.Name, epoch, rbm.ReconstructionError(inputs, count)));
            rbm.Train(codes, count, options, new SeededRandom(options.Seed, 3 * k + 2), new SeededRandom(options.Seed, 3 * k + 3), report);
            CopyIntoLayer(net, layer, rbm.Weights, rbm.HiddenBias);
            codes = new float[count * layer.OutputSize];
            rbm.HiddenProbabilities(inputs, codes, count);
            rbms[k] = rbm;
        }
        return new DeepBeliefNetwork(rbms);
    }

    /// <summary>
    /// Trains one tied-weight autoencoder (<see cref="Autoencoder"/>) per hidden layer (every dense layer but the last,
    /// any element-wise activation), starting from the layer's current weights, on the codes of the layers below, and
    /// copies its encoder back into the layer. Layer k shuffles with stream 2k + 1 and draws masking noise from stream
    /// 2k + 2 of <c>options.Seed</c>.
    /// </summary>
    /// <returns>Each hidden layer's autoencoder and its reconstruction error before and after training, bottom first.</returns>
    /// <exception cref="ArgumentException">The network has a layer that is not dense, a residual connection or no
    /// hidden dense layer; or the data's input size is not the network's.</exception>
    public static IReadOnlyList<AutoencoderLayer> Autoencoders(INetwork net, Dataset data, AutoencoderTrainingOptions options,
        Action<PretrainingEpoch>? epochEnded = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<LayerInfo> hidden = HiddenLayers(net, data, "Autoencoder pre-training");
        float[] codes = data.Inputs.ToArray();
        int count = data.Count;
        var results = new AutoencoderLayer[hidden.Count];
        for (int k = 0; k < hidden.Count; k++)
        {
            LayerInfo layer = hidden[k];
            var autoencoder = new Autoencoder(layer.InputSize, layer.OutputSize, layer.Activation);
            net.Parameters.Slice(layer.ParameterOffset, layer.WeightCount).CopyTo(autoencoder.Weights);
            net.Parameters.Slice(layer.ParameterOffset + layer.WeightCount, layer.BiasCount).CopyTo(autoencoder.EncoderBias);
            float[] inputs = codes;
            double initialError = autoencoder.ReconstructionError(inputs, count);
            IOptimizer optimizer = options.Optimizer() ?? throw new ArgumentException("options.Optimizer returned null.", nameof(options));
            var noise = new SeededRandom(options.Seed, 2 * k + 2);
            Action<int>? report = epochEnded is null ? null
                : epoch => epochEnded(new PretrainingEpoch(layer.Name, epoch, autoencoder.ReconstructionError(inputs, count)));
            Minibatches.Run(inputs, layer.InputSize, count, options.BatchSize, options.Epochs, new SeededRandom(options.Seed, 2 * k + 1),
                (batch, size) => autoencoder.TrainBatch(batch, size, optimizer, options.Corruption, noise), report);
            CopyIntoLayer(net, layer, autoencoder.Weights, autoencoder.EncoderBias);
            results[k] = new AutoencoderLayer(layer.Name, autoencoder, initialError, autoencoder.ReconstructionError(inputs, count));
            codes = new float[count * layer.OutputSize];
            autoencoder.Encode(inputs, codes, count);
        }
        return results;
    }

    // The dense layers that can be pre-trained (all but the output layer), after checking that the network is a plain
    // stack of dense layers: a residual or recurrent layer's input is not just the code of the layer below.
    private static List<LayerInfo> HiddenLayers(INetwork net, Dataset data, string purpose)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputSize != net.InputSize)
            throw new ArgumentException($"Expected samples of {Counted.Values(net.InputSize)} (the network's input size), got {data.InputSize}.", nameof(data));
        var dense = new List<LayerInfo>();
        foreach (LayerInfo layer in net.Layers)
        {
            if (layer.Kind == LayerKind.Input) continue;
            if (layer.Kind != LayerKind.Dense)
                throw new ArgumentException($"Layer '{layer.Name}' is {layer.Kind}: {purpose} needs a network of dense layers.", nameof(net));
            if (layer.Residual is not null)
                throw new ArgumentException($"Layer '{layer.Name}' adds the output of '{layer.Residual}': {purpose} needs a plain stack, where each layer sees only the layer below.", nameof(net));
            dense.Add(layer);
        }
        if (dense.Count < 2)
            throw new ArgumentException($"{purpose} needs at least one hidden dense layer below the output layer; the network has {dense.Count} dense layer(s).", nameof(net));
        dense.RemoveAt(dense.Count - 1);
        return dense;
    }

    private static void CopyIntoLayer(INetwork net, LayerInfo layer, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        weights.CopyTo(net.Parameters.Slice(layer.ParameterOffset, layer.WeightCount));
        bias.CopyTo(net.Parameters.Slice(layer.ParameterOffset + layer.WeightCount, layer.BiasCount));
    }
}
