using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>Counts in messages agree with their noun: "Expected 1 value", never "Expected 1 values".</summary>
public sealed class CountedMessageTests
{
    [Theory]
    [InlineData(1, "1 value")]
    [InlineData(-1, "-1 value")]
    [InlineData(0, "0 values")]
    [InlineData(2, "2 values")]
    [InlineData(1234567, "1234567 values")]
    public void ACountTakesTheNounInTheRightNumber(long count, string expected)
        => Assert.Equal(expected, Counted.Values(count));

    [Fact]
    public void IrregularAndUnsignedCounts()
    {
        Assert.Equal("1 data byte", Counted.Of(1UL, "data byte"));
        Assert.Equal("2 data bytes", Counted.Of(2UL, "data byte"));
        Assert.Equal("3 indices", Counted.Of(3, "index", "indices"));
    }

    [Fact]
    public void ArgumentMessagesSayOneValue()
    {
        var length = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckLength(2, 1, "the target", "target"));
        Assert.StartsWith("Expected 1 value for the target, got 2.", length.Message, StringComparison.Ordinal);
        var batch = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(1, 2, 1, 1, 1, "targets"));
        Assert.StartsWith("Expected 1 input value (1 x 1), got 2.", batch.Message, StringComparison.Ordinal);
        var rows = Assert.Throws<ArgumentException>(() => new Dataset([1f], 1, [1f, 2f], 1));
        Assert.StartsWith("Expected 1 target row (one per input row), got 2.", rows.Message, StringComparison.Ordinal);
    }
}
