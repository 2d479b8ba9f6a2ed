using System.Threading.Tasks;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Clone: the same parameters, its own workspace and gradients (one instance per thread).</summary>
public sealed class CloneTests
{
    private static readonly float[] InputA = TestData.Uniform(SmallNet.InputSize, 1), InputB = TestData.Uniform(SmallNet.InputSize, 2);
    private static readonly float[] Target = TestData.OneHot(SmallNet.OutputSize, 1);

    [Fact]
    public void CloneHasTheSameParametersInItsOwnBlock()
    {
        var network = new SmallNet(3);
        network.Parameters[0] = 0.125f; // trained or edited parameters are what is copied, not the initial ones
        SmallNet clone = network.Clone();
        Assert.Equal(TestData.Bits(network.Parameters), TestData.Bits(clone.Parameters));
        clone.Parameters[1] = 42f;
        Assert.NotEqual(42f, network.Parameters[1]);
        Assert.NotSame(network.Hidden, clone.Hidden);
        Assert.Equal(42f, clone.Hidden.Weights[1]); // the clone's views look at the clone's block
    }

    [Fact]
    public void ForwardOnTheCloneDoesNotDisturbTheOriginal()
    {
        var network = new SmallNet();
        SmallNet clone = network.Clone();
        float[] expected = new float[SmallNet.OutputSize], afterClone = new float[SmallNet.OutputSize], cloneOutput = new float[SmallNet.OutputSize];

        network.Forward(InputA, expected);
        network.ZeroGradients();
        float expectedLoss = network.Backward(Target);
        float[] expectedGradients = network.Gradients.ToArray();

        network.ZeroGradients();
        network.Forward(InputA, afterClone);
        clone.Forward(InputB, cloneOutput);                 // between the original's Forward and Backward
        float loss = network.Backward(Target);               // still differentiates InputA

        Assert.Equal(TestData.Bits(expected), TestData.Bits(afterClone));
        Assert.Equal(expectedLoss, loss);
        Assert.Equal(TestData.Bits(expectedGradients), TestData.Bits(network.Gradients));
        Assert.NotEqual(TestData.Bits(expected), TestData.Bits(cloneOutput));
        Assert.All(clone.Gradients.ToArray(), g => Assert.Equal(0f, g)); // Backward on the original wrote only its own
    }

    [Fact]
    public void TrainingTheCloneLeavesTheOriginalUntouched()
    {
        var network = new SmallNet();
        float[] before = network.Parameters.ToArray();
        SmallNet clone = network.Clone();
        var optimizer = new Adam(0.01f);
        for (int i = 0; i < 10; i++) clone.TrainStep(InputA, Target, optimizer);
        clone.TrainBatch([.. InputA, .. InputB], [.. Target, .. Target], 2, new Sgd(0.1f));

        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Parameters));
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
        Assert.NotEqual(TestData.Bits(before), TestData.Bits(clone.Parameters));
    }

    [Fact]
    public void CloneThroughTheInterfaceIsAnIndependentNetworkOfTheSameType()
    {
        INetwork network = new ResidualNet();
        INetwork clone = network.Clone();
        Assert.IsType<ResidualNet>(clone);
        Assert.NotSame(network, clone);
        Assert.Equal(TestData.Bits(network.Parameters), TestData.Bits(clone.Parameters));
        float[] a = new float[network.OutputSize], b = new float[clone.OutputSize];
        float[] input = TestData.Uniform(network.InputSize, 5);
        network.Forward(input, a);
        clone.Forward(input, b);
        Assert.Equal(TestData.Bits(a), TestData.Bits(b));
    }

    [Fact]
    public void ARecurrentCloneHasItsOwnSequenceWorkspaceAndViews()
    {
        // A GRU network: the clone grows its own per-step buffers (gates, W_hn·h + b_hn, outputs) on a longer sequence
        // between the original's Forward and Backward, which must still differentiate the original's 4 steps.
        var network = new WideSequenceGruNet(3);
        float[] input = TestData.Uniform(4 * WideSequenceGruNet.InputSize, 6), longer = TestData.Uniform(25 * WideSequenceGruNet.InputSize, 7);
        float[] target = TestData.Uniform(WideSequenceGruNet.OutputSize, 8);
        float[] expected = new float[WideSequenceGruNet.OutputSize], actual = new float[WideSequenceGruNet.OutputSize];
        network.Forward(input, expected);
        float expectedLoss = network.Backward(target);
        float[] expectedGradients = network.Gradients.ToArray();

        WideSequenceGruNet clone = network.Clone();
        Assert.Equal(TestData.Bits(network.Parameters), TestData.Bits(clone.Parameters));
        network.ZeroGradients();
        network.Forward(input, actual);
        clone.Forward(longer, new float[WideSequenceGruNet.OutputSize]);
        clone.Backward(target);
        Assert.Equal(expectedLoss, network.Backward(target));
        Assert.Equal(TestData.Bits(expected), TestData.Bits(actual));
        Assert.Equal(TestData.Bits(expectedGradients), TestData.Bits(network.Gradients));

        clone.Memory.BiasHh[0] = 42f; // the clone's views look at the clone's block
        Assert.Equal(42f, clone.Parameters[clone.Memory.Info.ParameterOffset + clone.Memory.Info.WeightCount + clone.Memory.Rows]);
        Assert.NotEqual(42f, network.Memory.BiasHh[0]);
    }

    [Fact]
    public void ClonesTrainOnParallelThreadsExactlyAsTheyWouldAlone()
    {
        // One instance per thread: clones share no workspace, so concurrent training equals sequential training.
        var network = new WideResidualNet();
        const int Workers = 4;
        float[][] inputs = new float[Workers][], targets = new float[Workers][];
        for (int w = 0; w < Workers; w++)
        {
            inputs[w] = TestData.Uniform(WideResidualNet.InputSize, 10 + w);
            targets[w] = TestData.OneHot(WideResidualNet.OutputSize, w);
        }

        float[][] sequential = new float[Workers][];
        for (int w = 0; w < Workers; w++) sequential[w] = Train(network.Clone(), inputs[w], targets[w]);
        float[][] parallel = new float[Workers][];
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w => parallel[w] = Train(network.Clone(), inputs[w], targets[w]));

        for (int w = 0; w < Workers; w++) Assert.Equal(TestData.Bits(sequential[w]), TestData.Bits(parallel[w]));
    }

    [Fact]
    public void ClonesTrainBatchesOnParallelThreadsExactlyAsTheyWouldAlone()
    {
        // LargeNet's batch products are large enough to ask for the second core: concurrent callers must each get
        // the same bits whether the worker took half of their product or they computed all of it themselves.
        var network = new LargeNet();
        const int Workers = 3, Batch = 16;
        float[][] inputs = new float[Workers][], targets = new float[Workers][];
        for (int w = 0; w < Workers; w++)
        {
            inputs[w] = TestData.Uniform(Batch * LargeNet.InputSize, 20 + w);
            targets[w] = new float[Batch * LargeNet.OutputSize];
            for (int row = 0; row < Batch; row++) targets[w][row * LargeNet.OutputSize + (row + w) % LargeNet.OutputSize] = 1f;
        }

        float[][] sequential = new float[Workers][];
        for (int w = 0; w < Workers; w++) sequential[w] = TrainBatches(network.Clone(), inputs[w], targets[w], Batch);
        float[][] parallel = new float[Workers][];
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w => parallel[w] = TrainBatches(network.Clone(), inputs[w], targets[w], Batch));

        for (int w = 0; w < Workers; w++) Assert.Equal(TestData.Bits(sequential[w]), TestData.Bits(parallel[w]));
    }

    private static float[] TrainBatches(LargeNet network, float[] inputs, float[] targets, int batch)
    {
        var optimizer = new Sgd(0.05f);
        for (int i = 0; i < 20; i++) network.TrainBatch(inputs, targets, batch, optimizer);
        return network.Parameters.ToArray();
    }

    private static float[] Train(WideResidualNet network, float[] input, float[] target)
    {
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        for (int i = 0; i < 200; i++) network.TrainStep(input, target, optimizer);
        return network.Parameters.ToArray();
    }
}
