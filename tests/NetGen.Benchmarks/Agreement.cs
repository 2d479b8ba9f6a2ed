using System;

namespace NetGen.Benchmarks;

/// <summary>
/// The self-check that makes each comparison meaningful: generated code and baseline must compute the
/// same numbers (to <see cref="Tolerance"/>, absolute) before their speed is compared.
/// </summary>
public static class Agreement
{
    /// <summary>Largest accepted absolute difference.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>Throws unless every pair of values agrees to <see cref="Tolerance"/>; returns the largest difference.</summary>
    public static float Check(string what, ReadOnlySpan<float> generated, ReadOnlySpan<float> baseline)
    {
        if (generated.Length != baseline.Length)
            throw new InvalidOperationException($"{what}: generated has {generated.Length} values, baseline {baseline.Length}.");
        float worst = 0f;
        int worstIndex = -1;
        for (int i = 0; i < generated.Length; i++)
        {
            float difference = MathF.Abs(generated[i] - baseline[i]);
            if (float.IsNaN(difference))
            {
                worst = float.NaN; // a NaN on either side is the worst disagreement
                worstIndex = i;
                break;
            }
            if (difference > worst)
            {
                worst = difference;
                worstIndex = i;
            }
        }
        if (!(worst <= Tolerance))
            throw new InvalidOperationException(
                $"{what}: generated and baseline disagree at [{worstIndex}]: {generated[worstIndex]} vs {baseline[worstIndex]} (|diff| = {worst}, tolerance {Tolerance}).");
        Log?.Invoke($"  {what}: {generated.Length} values agree, max |diff| = {worst:G3}");
        return worst;
    }

    /// <summary>Same, for one value.</summary>
    public static float Check(string what, float generated, float baseline) => Check(what, [generated], [baseline]);

    /// <summary>Where successful checks are reported (the --check mode sets it).</summary>
    public static Action<string>? Log { get; set; }
}
