namespace NetGen;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019), as <c>torch.optim.AdamW</c>: each decayed weight
/// first shrinks, p ← p − lr·λ·p, then takes the Adam step, whose moments never see the decay. Its state is Adam's
/// (saved under the type name <c>AdamW</c>).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer, with PyTorch's defaults (weight decay 0.01).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">
    /// The learning rate or epsilon is not positive and finite, a beta is not in [0, 1), or the weight decay is negative or not finite.
    /// </exception>
    public AdamW(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0.01f)
        : base(learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }

    /// <inheritdoc/>
    private protected override bool DecoupledDecay => true;
}
