using System;
using NetGen.Activations;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// A restricted Boltzmann machine: binary hidden units h and visible units v (<see cref="RbmVisibleUnits"/>) joined by
/// weights W, with energy E(v, h) = −bᵀv − cᵀh − hᵀWv for binary visible units and ½‖v − b‖² − cᵀh − hᵀWv for
/// Gaussian ones. W is <c>[HiddenCount, VisibleCount]</c> row-major and c is the hidden bias, the layout of a dense
/// layer's weight and bias, so a trained RBM copies straight into a sigmoid <see cref="DenseLayer"/>.
/// </summary>
/// <remarks>
/// Blocks of samples are row-major, one sample per row. Sampling draws from the <see cref="SeededRandom"/> passed in,
/// one uniform per binary unit (one Irwin–Hall normal per Gaussian unit), row by row and unit by unit, so a run is a
/// pure function of its seeds. An instance is not thread-safe. Train with <see cref="Train(Dataset, RbmTrainingOptions, Action{int}?)"/>
/// or step by step with <see cref="ContrastiveDivergence"/>.
/// </remarks>
public sealed partial class Rbm
{
    // Hinton's practical guide (§8): small random weights break the symmetry without saturating the units.
    private const double InitialWeightDeviation = 0.01;

    private readonly float[] _weights;
    private readonly float[] _hiddenBias;
    private readonly float[] _visibleBias;

    /// <summary>
    /// Creates an RBM with weights drawn from N(0, 0.01²) (stream 0 of <paramref name="seed"/>) and zero biases.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or <paramref name="visibleUnits"/> is not a defined value.</exception>
    public Rbm(int visibleCount, int hiddenCount, RbmVisibleUnits visibleUnits = RbmVisibleUnits.Bernoulli, int seed = 0)
        : this(visibleCount, hiddenCount, visibleUnits, new SeededRandom(seed))
    {
    }

    /// <summary>Creates an RBM whose initial weights are drawn from <paramref name="random"/>.</summary>
    internal Rbm(int visibleCount, int hiddenCount, RbmVisibleUnits visibleUnits, SeededRandom random)
    {
        if (visibleCount <= 0) throw new ArgumentOutOfRangeException(nameof(visibleCount), visibleCount, "Must be positive.");
        if (hiddenCount <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenCount), hiddenCount, "Must be positive.");
        if (!Enum.IsDefined(visibleUnits))
            throw new ArgumentOutOfRangeException(nameof(visibleUnits), visibleUnits, "Must be Bernoulli or Gaussian.");
        VisibleCount = visibleCount;
        HiddenCount = hiddenCount;
        VisibleUnits = visibleUnits;
        _weights = new float[hiddenCount * visibleCount];
        _hiddenBias = new float[hiddenCount];
        _visibleBias = new float[visibleCount];
        for (int i = 0; i < _weights.Length; i++) _weights[i] = (float)(InitialWeightDeviation * random.NextNormal());
    }

    /// <summary>Number of visible units.</summary>
    public int VisibleCount { get; }

    /// <summary>Number of hidden units.</summary>
    public int HiddenCount { get; }

    /// <summary>The visible units' distribution.</summary>
    public RbmVisibleUnits VisibleUnits { get; }

    /// <summary>W, <c>[HiddenCount, VisibleCount]</c> row-major (a dense layer's weight layout).</summary>
    public Span<float> Weights => _weights;

    /// <summary>c, one per hidden unit (a dense layer's bias).</summary>
    public Span<float> HiddenBias => _hiddenBias;

    /// <summary>b, one per visible unit.</summary>
    public Span<float> VisibleBias => _visibleBias;

    /// <summary>p(h_j = 1 | v) = σ(c_j + Σ_i W_ji·v_i) for <paramref name="count"/> rows of <paramref name="visible"/>.</summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void HiddenProbabilities(ReadOnlySpan<float> visible, Span<float> hidden, int count)
    {
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        Rows.Check(hidden.Length, HiddenCount, count, nameof(hidden));
        for (int r = 0; r < count; r++)
        {
            Span<float> row = hidden.Slice(r * HiddenCount, HiddenCount);
            _hiddenBias.CopyTo(row);
            Kernels.MatrixVectorAdd(_weights, visible.Slice(r * VisibleCount, VisibleCount), row);
        }
        ActivationKernels.Apply<Sigmoid>(hidden, hidden);
    }

    /// <summary>
    /// E[v | h]: σ(b + Wᵀh) for binary visible units, b + Wᵀh for Gaussian ones, for <paramref name="count"/> rows of
    /// <paramref name="hidden"/> (states or probabilities).
    /// </summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void VisibleMeans(ReadOnlySpan<float> hidden, Span<float> visible, int count)
    {
        Rows.Check(hidden.Length, HiddenCount, count, nameof(hidden));
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        for (int r = 0; r < count; r++)
        {
            Span<float> row = visible.Slice(r * VisibleCount, VisibleCount);
            _visibleBias.CopyTo(row);
            Kernels.TransposedMatrixVectorAdd(_weights, hidden.Slice(r * HiddenCount, HiddenCount), row);
        }
        if (VisibleUnits == RbmVisibleUnits.Bernoulli) ActivationKernels.Apply<Sigmoid>(visible, visible);
    }

    /// <summary>Draws binary hidden states h ~ p(h | v) into <paramref name="hidden"/>.</summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void SampleHidden(ReadOnlySpan<float> visible, Span<float> hidden, int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        HiddenProbabilities(visible, hidden, count);
        SampleBernoulli(hidden, random);
    }

    /// <summary>Draws visible states v ~ p(v | h) into <paramref name="visible"/>: binary, or the mean plus N(0, 1) noise for Gaussian units.</summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    public void SampleVisible(ReadOnlySpan<float> hidden, Span<float> visible, int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        VisibleMeans(hidden, visible, count);
        SampleVisibleFromMeans(visible, random);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> rounds of block Gibbs sampling, h ~ p(h | v) then v ~ p(v | h), on
    /// <paramref name="count"/> chains whose visible states are the rows of <paramref name="visible"/>, in place.
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold exactly <paramref name="count"/> rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public void Gibbs(Span<float> visible, int count, int steps, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var hidden = new float[count * HiddenCount];
        for (int step = 0; step < steps; step++)
        {
            SampleHidden(visible, hidden, count, random);
            SampleVisible(hidden, visible, count, random);
        }
    }

    /// <summary>Replaces each probability p in <paramref name="values"/> by a draw from Bernoulli(p).</summary>
    internal static void SampleBernoulli(Span<float> values, SeededRandom random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() < values[i] ? 1f : 0f;
    }

    /// <summary>Replaces visible means by draws: Bernoulli for binary units, mean + N(0, 1) for Gaussian ones.</summary>
    internal void SampleVisibleFromMeans(Span<float> visible, SeededRandom random)
    {
        if (VisibleUnits == RbmVisibleUnits.Bernoulli)
        {
            SampleBernoulli(visible, random);
            return;
        }
        for (int i = 0; i < visible.Length; i++) visible[i] += (float)random.NextNormal();
    }
}
