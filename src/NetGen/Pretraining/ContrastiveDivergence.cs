using System;
using System.Numerics.Tensors;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Contrastive divergence (Hinton 2002), CD-k or persistent (PCD, Tieleman 2008), on one <see cref="Rbm"/>: each
/// <see cref="Step"/> moves the parameters along ⟨hvᵀ⟩_data − ⟨hvᵀ⟩_chain, the positive phase from the hidden
/// probabilities of the minibatch, the negative phase from a Gibbs chain run <see cref="RbmTrainingOptions.GibbsSteps"/>
/// steps. The chain ends on hidden probabilities, not samples, to lower the variance of the update.
/// It keeps the momentum and, for PCD, the chains between steps: one instance per RBM and training run.
/// </summary>
public sealed class ContrastiveDivergence
{
    private readonly Rbm _rbm;
    private readonly SeededRandom _random;
    private readonly float[] _weightGradient, _hiddenGradient, _visibleGradient;
    private readonly float[] _weightVelocity, _hiddenVelocity, _visibleVelocity;
    private float[] _positiveHidden = [];
    private float[] _chainVisible = [];
    private float[] _chainHidden = [];
    private bool _chainsStarted;

    /// <summary>Prepares to train <paramref name="rbm"/>; every sample the chain draws comes from <paramref name="random"/>.</summary>
    public ContrastiveDivergence(Rbm rbm, RbmTrainingOptions options, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        _rbm = rbm;
        Options = options;
        _random = random;
        _weightGradient = new float[rbm.Weights.Length];
        _weightVelocity = new float[rbm.Weights.Length];
        _hiddenGradient = new float[rbm.HiddenCount];
        _hiddenVelocity = new float[rbm.HiddenCount];
        _visibleGradient = new float[rbm.VisibleCount];
        _visibleVelocity = new float[rbm.VisibleCount];
    }

    /// <summary>The settings used by each step.</summary>
    public RbmTrainingOptions Options { get; }

    /// <summary>
    /// With <see cref="RbmTrainingOptions.Persistent"/>: the visible states of the persistent chains after the last step,
    /// <see cref="RbmTrainingOptions.BatchSize"/> rows (empty before the first step). Empty for plain CD.
    /// </summary>
    public ReadOnlySpan<float> Chains => Options.Persistent ? _chainVisible : ReadOnlySpan<float>.Empty;

    /// <summary>
    /// One update on the <paramref name="count"/> samples in the rows of <paramref name="visible"/>. Draw order, for
    /// reproducing a step by hand: per Gibbs step, the hidden units of every chain (row by row), then, with
    /// <see cref="RbmSampling.HiddenAndVisible"/>, the visible units likewise.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="visible"/> does not hold exactly <paramref name="count"/> rows.</exception>
    public void Step(ReadOnlySpan<float> visible, int count)
    {
        int visibleCount = _rbm.VisibleCount, hiddenCount = _rbm.HiddenCount;
        Rows.Check(visible.Length, visibleCount, count, nameof(visible));
        Span<float> positive = Rows.Grow(ref _positiveHidden, count * hiddenCount);
        _rbm.HiddenProbabilities(visible, positive, count);

        int chains = StartChains(visible, positive, count);
        Span<float> chainVisible = _chainVisible.AsSpan(0, chains * visibleCount);
        Span<float> chainHidden = _chainHidden.AsSpan(0, chains * hiddenCount);
        for (int step = 0; step < Options.GibbsSteps; step++)
        {
            if (Options.Sampling != RbmSampling.MeanField) Rbm.SampleBernoulli(chainHidden, _random);
            _rbm.VisibleMeans(chainHidden, chainVisible, chains);
            if (Options.Sampling == RbmSampling.HiddenAndVisible) _rbm.SampleVisibleFromMeans(chainVisible, _random);
            _rbm.HiddenProbabilities(chainVisible, chainHidden, chains);
        }

        // g = ⟨h vᵀ⟩_data − ⟨h vᵀ⟩_chain: the hidden rows are scaled by +1/count and −1/chains so that one
        // outer-product accumulation per row gives both means. The chain's hidden row is not needed after this.
        _weightGradient.AsSpan().Clear();
        _hiddenGradient.AsSpan().Clear();
        _visibleGradient.AsSpan().Clear();
        Accumulate(visible, positive, count, 1f / count);
        Accumulate(chainVisible, chainHidden, chains, -1f / chains);
        Update(_rbm.Weights, _weightGradient, _weightVelocity, Options.WeightDecay);
        Update(_rbm.HiddenBias, _hiddenGradient, _hiddenVelocity, 0f);
        Update(_rbm.VisibleBias, _visibleGradient, _visibleVelocity, 0f);
    }

    // Sets the chains' starting state, visible rows and their hidden probabilities, and returns how many there are.
    private int StartChains(ReadOnlySpan<float> visible, ReadOnlySpan<float> positive, int count)
    {
        int visibleCount = _rbm.VisibleCount, hiddenCount = _rbm.HiddenCount;
        if (!Options.Persistent)
        {
            visible.CopyTo(Rows.Grow(ref _chainVisible, count * visibleCount));
            positive.CopyTo(Rows.Grow(ref _chainHidden, count * hiddenCount));
            return count;
        }
        int chains = Options.BatchSize;
        if (!_chainsStarted)
        {
            _chainVisible = new float[chains * visibleCount];
            _chainHidden = new float[chains * hiddenCount];
            for (int c = 0; c < chains; c++) // a short first batch fills the chains cyclically
                visible.Slice(c % count * visibleCount, visibleCount).CopyTo(_chainVisible.AsSpan(c * visibleCount));
            _chainsStarted = true;
        }
        _rbm.HiddenProbabilities(_chainVisible, _chainHidden, chains);
        return chains;
    }

    private void Accumulate(ReadOnlySpan<float> visible, Span<float> hidden, int rows, float scale)
    {
        int visibleCount = _rbm.VisibleCount, hiddenCount = _rbm.HiddenCount;
        TensorPrimitives.Multiply(hidden, scale, hidden);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> v = visible.Slice(r * visibleCount, visibleCount);
            ReadOnlySpan<float> h = hidden.Slice(r * hiddenCount, hiddenCount);
            Kernels.OuterProductAdd(_weightGradient, h, v);
            TensorPrimitives.Add(_hiddenGradient, h, _hiddenGradient);
            Kernels.MultiplyAdd(_visibleGradient, v, scale);
        }
    }

    // v ← μ·v + ε·(g − λ·p); p ← p + v.
    private void Update(Span<float> parameters, Span<float> gradient, Span<float> velocity, float decay)
    {
        if (decay > 0f) TensorPrimitives.MultiplyAdd(parameters, -decay, gradient, gradient);
        TensorPrimitives.Multiply(velocity, Options.Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradient, Options.LearningRate, velocity, velocity);
        TensorPrimitives.Add(parameters, velocity, parameters);
    }
}
