using System;
using System.Diagnostics.CodeAnalysis;

namespace NetGen.Numerics;

/// <summary>Length checks for the span arguments of kernels and losses, with messages that name the expected length.</summary>
internal static class SpanLength
{
    /// <summary>Throws unless <paramref name="actual"/> ≥ <paramref name="expected"/>.</summary>
    public static void AtLeast(int actual, long expected, string parameterName)
    {
        if (actual < expected) ThrowTooShort(actual, expected, parameterName);
    }

    /// <summary>Throws unless <paramref name="actual"/> = <paramref name="expected"/>.</summary>
    public static void Exactly(int actual, int expected, string parameterName)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {Counted.Values(expected)} in {parameterName}, got {actual}.", parameterName);
    }

    [DoesNotReturn]
    private static void ThrowTooShort(int actual, long expected, string parameterName)
        => throw new ArgumentException($"Expected at least {Counted.Values(expected)} in {parameterName}, got {actual}.", parameterName);
}
