using System;
using Xunit;

namespace NetGen.Tests.Normalization;

public class NormalizationSmokeTests
{
    private static float[] Random(int count, int seed)
    {
        var random = new NetGen.Numerics.SeededRandom(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)random.NextNormal();
        return values;
    }

    private static float[] OneHot(int batch, int classes, int seed)
    {
        var random = new NetGen.Numerics.SeededRandom(seed);
        var values = new float[batch * classes];
        for (int r = 0; r < batch; r++) values[r * classes + random.NextInt(classes)] = 1f;
        return values;
    }

    [Fact]
    public void BatchNormMlp_TrainBatchGradient_MatchesFiniteDifferences()
    {
        var net = new BatchNormMlp();
        (double worst, string where) = BatchGradientChecker.Check(net, Random(6 * 7, 1), OneHot(7, 3, 2), 7);
        Assert.True(worst < 1, where);
    }

    [Fact]
    public void BatchNormConvNet_TrainBatchGradient_MatchesFiniteDifferences()
    {
        var net = new BatchNormConvNet();
        (double worst, string where) = BatchGradientChecker.Check(net, Random(72 * 4, 3), Random(2 * 4, 4), 4);
        Assert.True(worst < 1, where);
    }

    [Fact]
    public void LayerNormMlp_TrainBatchGradient_MatchesFiniteDifferences()
    {
        var net = new LayerNormMlp();
        (double worst, string where) = BatchGradientChecker.Check(net, Random(5 * 3, 5), Random(2 * 3, 6), 3);
        Assert.True(worst < 1, where);
    }

    [Fact]
    public void EvaluationBackward_MatchesFiniteDifferences()
    {
        foreach ((INetwork net, Loss loss) in new (INetwork, Loss)[] { (new BatchNormMlp(), Loss.CrossEntropy), (new BatchNormConvNet(), Loss.MeanSquaredError), (new LayerNormMlp(), Loss.MeanSquaredError) })
        {
            // Running statistics away from 0 and 1, so evaluation is not the identity.
            Span<float> buffers = net.Buffers;
            for (int i = 0; i < buffers.Length; i++) buffers[i] = 0.5f + 0.1f * (i % 5);
            GradientChecker.AssertMatchesOnSamples(net, loss, net.GetType().Name, 2, 7);
        }
    }
}
