using System.Globalization;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

public sealed class SummaryTests
{
    [Fact]
    public void SummaryListsEveryLayerAndTheTotal()
    {
        string summary = LayoutNet.Summary;
        foreach (string layer in new[] { "Features", "Encoder", "Middle", "Head" }) Assert.Contains(layer, summary);
        Assert.Contains("97", summary);
        Assert.Contains("Total params: 97 (388.00 B)", summary);
        foreach (int count in new[] { 40, 36, 21 }) Assert.Contains(count.ToString(CultureInfo.InvariantCulture), summary);
    }

    [Fact]
    public void SummaryOfALargeNetworkHasItsTotal()
    {
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, LargeNet.ParameterCount);
        Assert.Contains(LargeNet.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), LargeNet.Summary);
        Assert.Contains("Hidden", LargeNet.Summary);
        Assert.Contains("Relu", LargeNet.Summary);
        Assert.Contains("Softmax", LargeNet.Summary);
    }

    /// <summary>Keras' model.summary() layout, which users know how to read, with NetGen's two columns after it.</summary>
    [Fact]
    public void SummaryLooksLikeKeras()
    {
        string[] lines = LargeNet.Summary.Split('\n');
        Assert.Equal("Model: \"LargeNet\"", lines[0]);
        Assert.StartsWith("Layer (type)", lines[2]);
        Assert.Contains("Output Shape", lines[2]);
        Assert.Contains("Param #", lines[2]);
        string hidden = Assert.Single(lines, line => line.StartsWith("Hidden (Dense)", System.StringComparison.Ordinal));
        Assert.Contains("(None, 128)", hidden);
        Assert.Contains("100,480", hidden);
        Assert.Contains("Total params: 101,770 (397.54 KB)", lines);
        Assert.Contains("Trainable params: 101,770 (397.54 KB)", lines);
        Assert.Contains("Non-trainable params: 0 (0.00 B)", lines);
    }

    [Fact]
    public void SummaryShowsResiduals()
    {
        foreach (string layer in new[] { "In", "A", "B", "C", "D", "Out" }) Assert.Contains(layer, ResidualNet.Summary);
        Assert.Contains(ResidualNet.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), ResidualNet.Summary);
    }
}
