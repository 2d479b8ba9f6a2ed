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
        Assert.Contains("Total parameters: 97", summary);
        foreach (int count in new[] { 40, 36, 21 }) Assert.Contains(count.ToString(CultureInfo.InvariantCulture), summary);
    }

    [Fact]
    public void SummaryOfALargeNetworkHasItsTotal()
    {
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, LargeNet.ParameterCount);
        Assert.Contains(LargeNet.ParameterCount.ToString(CultureInfo.InvariantCulture), LargeNet.Summary);
        Assert.Contains("Hidden", LargeNet.Summary);
        Assert.Contains("Relu", LargeNet.Summary);
        Assert.Contains("Softmax", LargeNet.Summary);
    }

    [Fact]
    public void SummaryShowsResiduals()
    {
        foreach (string layer in new[] { "In", "A", "B", "C", "D", "Out" }) Assert.Contains(layer, ResidualNet.Summary);
        Assert.Contains(ResidualNet.ParameterCount.ToString(CultureInfo.InvariantCulture), ResidualNet.Summary);
    }
}
