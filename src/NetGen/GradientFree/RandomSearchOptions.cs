namespace NetGen;

/// <summary>Options of <see cref="RandomSearch"/>.</summary>
public sealed record RandomSearchOptions : GradientFreeOptions
{
    /// <summary>Every parameter is drawn uniformly from [−Range, Range]. Must be a positive finite number.</summary>
    public float Range { get; init; } = 10f;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        CheckPositive(Range, nameof(Range));
    }
}
