using System;
using System.Collections.Generic;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// A deep belief net (Hinton, Osindero &amp; Teh 2006): a stack of RBMs, each trained on the hidden probabilities of
/// the one below. As a generative model its top two layers form an undirected RBM and the layers below are directed,
/// top-down sigmoid belief layers that use the lower RBMs' weights: <see cref="Sample(int, int, int)"/> runs Gibbs
/// sampling in the top RBM, then one ancestral pass down to the visible units.
/// </summary>
public sealed class DeepBeliefNetwork
{
    private readonly Rbm[] _layers;

    /// <summary>Stacks <paramref name="layers"/>, bottom first.</summary>
    /// <exception cref="ArgumentException">The list is empty, holds null, a layer's visible units do not match the hidden units
    /// below it, or a layer above the first has Gaussian visible units (they see binary hidden units).</exception>
    public DeepBeliefNetwork(IReadOnlyList<Rbm> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("Expected at least one RBM.", nameof(layers));
        _layers = new Rbm[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            Rbm layer = layers[l] ?? throw new ArgumentException($"RBM {l} is null.", nameof(layers));
            if (l > 0 && layer.VisibleCount != layers[l - 1].HiddenCount)
                throw new ArgumentException($"RBM {l} has {layer.VisibleCount} visible units, but RBM {l - 1} below it has {layers[l - 1].HiddenCount} hidden units.", nameof(layers));
            if (l > 0 && layer.VisibleUnits != RbmVisibleUnits.Bernoulli)
                throw new ArgumentException($"RBM {l} has {layer.VisibleUnits} visible units; only the first RBM may: the others model binary hidden units.", nameof(layers));
            _layers[l] = layer;
        }
    }

    /// <summary>The RBMs, bottom (the data) first.</summary>
    public IReadOnlyList<Rbm> Layers => _layers;

    /// <summary>Values per sample: the bottom RBM's visible units.</summary>
    public int VisibleCount => _layers[0].VisibleCount;

    /// <summary>
    /// Mean-field recognition pass: the top RBM's hidden probabilities for <paramref name="count"/> samples, each layer's
    /// probabilities feeding the next (what a sigmoid network with these weights computes).
    /// </summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void Up(ReadOnlySpan<float> visible, Span<float> top, int count)
    {
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        Rows.Check(top.Length, _layers[^1].HiddenCount, count, nameof(top));
        float[] below = visible.ToArray();
        for (int l = 0; l < _layers.Length; l++)
        {
            var above = new float[count * _layers[l].HiddenCount];
            _layers[l].HiddenProbabilities(below, above, count);
            below = above;
        }
        below.CopyTo(top);
    }

    /// <summary>
    /// Draws <paramref name="count"/> samples: chains in the top RBM start from random states of its visible units
    /// (Bernoulli(½), or N(½, 1) when a single RBM has Gaussian units), run <paramref name="gibbsSteps"/> Gibbs steps (the last one keeping the probabilities p(v | h)), and go down
    /// through the lower layers, states drawn at each hidden layer; the bottom layer gives its means (grey values, or
    /// Gaussian means). A pure
    /// function of the parameters and <paramref name="seed"/>. Returns <paramref name="count"/> rows of <see cref="VisibleCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="gibbsSteps"/> is not positive.</exception>
    public float[] Sample(int count, int gibbsSteps, int seed)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gibbsSteps);
        var random = new SeededRandom(seed);
        Rbm top = _layers[^1];
        var state = new float[count * top.VisibleCount];
        state.AsSpan().Fill(0.5f);
        top.SampleVisibleFromMeans(state, random);
        return SampleDown(state, count, gibbsSteps, random);
    }

    /// <summary>
    /// Like <see cref="Sample(int, int, int)"/>, but each chain starts from the mean-field code of a row of
    /// <paramref name="start"/> (e.g. training images), which needs far fewer Gibbs steps to reach typical samples.
    /// Returns as many rows as <paramref name="start"/> holds.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="start"/> is not a whole, positive number of rows of <see cref="VisibleCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gibbsSteps"/> is not positive.</exception>
    public float[] Sample(ReadOnlySpan<float> start, int gibbsSteps, int seed)
    {
        int count = Rows.Count(start.Length, VisibleCount, nameof(start));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gibbsSteps);
        float[] state = start.ToArray();
        for (int l = 0; l < _layers.Length - 1; l++)
        {
            var above = new float[count * _layers[l].HiddenCount];
            _layers[l].HiddenProbabilities(state, above, count);
            state = above;
        }
        return SampleDown(state, count, gibbsSteps, new SeededRandom(seed));
    }

    // Gibbs in the top RBM from `state` (its visible units), the last step keeping p(v | h), then the ancestral pass
    // down: each layer's states are drawn from those means and give the means of the layer below.
    private float[] SampleDown(float[] state, int count, int gibbsSteps, SeededRandom random)
    {
        Rbm top = _layers[^1];
        top.Gibbs(state, count, gibbsSteps - 1, random);
        var hidden = new float[count * top.HiddenCount];
        top.SampleHidden(state, hidden, count, random);
        top.VisibleMeans(hidden, state, count);
        for (int l = _layers.Length - 2; l >= 0; l--)
        {
            Rbm.SampleBernoulli(state, random);
            var below = new float[count * _layers[l].VisibleCount];
            _layers[l].VisibleMeans(state, below, count);
            state = below;
        }
        return state;
    }
}
