using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// GradientFlow.Measure on convolution networks: a convolution's δ is read at every filter and position (its bias
/// gradient sums them), its ∇W from its slice of the gradients; a pooling layer, without weights, reports only its
/// output's mean square; R, G and the forward growth are taken over the layers with weights (WideConvNet ends in a
/// pooling layer).
/// </summary>
public sealed class ConvGradientFlowTests
{
    [Theory]
    [InlineData(nameof(SmallCnn))]
    [InlineData(nameof(CausalTcn))]
    [InlineData(nameof(WideConvNet))]
    public void OneSampleIsReportedLayerByLayer(string name)
    {
        (INetwork network, Loss loss) = ConvolutionTests.Create(name);
        float[] input = TestData.Uniform(network.InputSize, 330);
        float[] target = TestData.Target(loss, network.OutputSize, 331);
        GradientFlowReport report = GradientFlow.Measure(network, input, target, samples: 1);

        network.Forward(input, new float[network.OutputSize]);
        network.ZeroGradients();
        network.Backward(target);
        float[] gradients = network.Gradients.ToArray();
        int[] weights = Enumerable.Range(1, network.Layers.Count - 1).Where(l => network.Layers[l].ParameterCount > 0).ToArray();
        Assert.Equal(network.Layers.Count - 1, report.Layers.Count);
        for (int l = 1; l < network.Layers.Count; l++)
        {
            LayerInfo layer = network.Layers[l];
            LayerGradientFlow flow = report.Layers[l - 1];
            Assert.Equal(layer.Name, flow.Name);
            AssertClose(MeanSquare(network.LayerOutput(l)), flow.ActivationMeanSquare);
            if (layer.ParameterCount == 0)
            {
                Assert.True(double.IsNaN(flow.WeightGradientNorm) && double.IsNaN(flow.DeltaMeanSquare) && double.IsNaN(flow.PreActivationMeanSquare), $"{name}: {layer.Name}");
                continue;
            }
            AssertClose(Norm(gradients.AsSpan(layer.ParameterOffset, layer.WeightCount)), flow.WeightGradientNorm);
            AssertClose(MeanSquare(network.LayerPreActivation(l)), flow.PreActivationMeanSquare);
            // δ at every unit: for a dense layer the bias gradient Measure reads, for a convolution every filter and position.
            Assert.Equal(layer.OutputSize, network.LayerGradient(l).Length);
            AssertClose(MeanSquare(network.LayerGradient(l)), flow.DeltaMeanSquare);
        }
        double expectedRatio = report.Layers[weights[0] - 1].WeightGradientNorm / report.Layers[weights[^1] - 1].WeightGradientNorm;
        AssertClose(expectedRatio, report.Ratio);
        AssertClose(report.Layers[weights[0] - 1].DeltaMeanSquare / report.Layers[weights[^2] - 1].DeltaMeanSquare, report.DeltaGain);
        AssertClose(report.Layers[weights[^1] - 1].PreActivationMeanSquare / report.Layers[weights[0] - 1].PreActivationMeanSquare, report.ForwardGrowth);
    }

    private static void AssertClose(double expected, double actual)
        => Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"expected {expected}, got {actual}");

    private static double MeanSquare(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float value in values) sum += (double)value * value;
        return sum / values.Length;
    }

    private static double Norm(ReadOnlySpan<float> values) => Math.Sqrt(MeanSquare(values) * values.Length);
}
