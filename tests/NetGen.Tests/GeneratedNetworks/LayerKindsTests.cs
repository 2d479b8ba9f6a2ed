using System;
using System.Linq;
using NetGen.Model;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The registry of layer kinds (one descriptor per kind, indexed by the enum's value), and the descriptors' facts: the GRU's
/// tensors, gates and memory gate, the convolutions' tensors, the normalisations' and dropout's tensors, state and modes.
/// </summary>
public sealed class LayerKindsTests
{
    public static TheoryData<LayerKind> Members() => new(Enum.GetValues<LayerKind>());

    [Theory]
    [MemberData(nameof(Members))]
    public void EveryKindHasItsOwnDescriptor(LayerKind kind)
    {
        LayerKindDescriptor descriptor = LayerKinds.Of(kind);
        Assert.Equal(kind, descriptor.Kind);
        Assert.Same(descriptor, LayerKinds.Find(kind));
        Assert.Same(descriptor, LayerKinds.ByAttribute("NetGen." + descriptor.AttributeName + "Attribute"));
        Assert.Equal(descriptor.IsRecurrent, kind is LayerKind.Recurrent or LayerKind.Lstm or LayerKind.Gru);
    }

    [Fact]
    public void TheRegistryHasNoDescriptorBeyondTheEnum()
    {
        LayerKind[] members = Enum.GetValues<LayerKind>();
        Assert.Equal(members.Length, LayerKinds.All.Length);
        Assert.Equal(Enumerable.Range(0, members.Length), members.Select(kind => (int)kind)); // values 0 … n − 1, no gap
        Assert.Null(LayerKinds.Find((LayerKind)members.Length));
        Assert.Null(LayerKinds.Find((LayerKind)(-1)));
        Assert.Null(LayerKinds.ByAttribute("NetGen.ConvolutionAttribute"));
    }

    [Fact]
    public void TheGruDescriptorHasTorchsTensorsAndGates()
    {
        // torch.nn.GRUCell(5, 4): weight_ih [12, 5], weight_hh [12, 4], bias_ih [12], bias_hh [12]; gates r, z, n, z remembering.
        LayerKindDescriptor gru = LayerKinds.Of(LayerKind.Gru);
        Assert.Equal(("Gru", "GruLayer", 3, "r, z, n", 1, "UpdateBias"), (gru.AttributeName, gru.ViewType, gru.Gates, gru.GateNames, gru.MemoryGate, gru.MemoryBiasProperty));
        Assert.Equal(["weight_ih [12,5]", "weight_hh [12,4]", "bias_ih [12]", "bias_hh [12]"],
            gru.Tensors(LayerDimensions.Features(5, 4)).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        LayerDimensions dimensions = LayerDimensions.Features(5, 4);
        Assert.Equal((12L, 12 * 9L, 12 * 11L), (gru.Rows(4), gru.WeightCount(dimensions), gru.ParameterCount(dimensions)));
        Assert.Equal((0L, 60L, 108L, 120L), (gru.TensorOffset(dimensions, "weight_ih"), gru.TensorOffset(dimensions, "weight_hh"), gru.TensorOffset(dimensions, "bias_ih"), gru.TensorOffset(dimensions, "bias_hh")));
        Assert.Equal(Activation.Tanh, gru.DefaultActivation);
    }

    [Fact]
    public void TheConvolutionDescriptorsHaveTorchsTensors()
    {
        // torch.nn.Conv2d(3, 8, 5): weight [8, 3, 5, 5], bias [8]; torch.nn.Conv1d(4, 6, 3): weight [6, 4, 3], bias [6].
        var window2 = new Window(5, 5, 1, 1, 1, 1, 0, 0, 0, 0);
        Assert.Equal(["weight [8,3,5,5]", "bias [8]"],
            LayerKinds.Of(LayerKind.Conv2D).Tensors(new LayerDimensions([3, 32, 32], [8, 28, 28], window2)).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        var window1 = new Window(1, 3, 1, 1, 1, 2, 0, 0, 4, 0);
        Assert.Equal(["weight [6,4,3]", "bias [6]"],
            LayerKinds.Of(LayerKind.Conv1D).Tensors(new LayerDimensions([4, 100], [6, 100], window1)).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        Assert.Equal([6, 100], LayerKinds.Of(LayerKind.Conv1D).OutputDimensions([4, 100], 6, window1)); // causal: (k − 1)·d before
        Assert.Equal([3, 16, 16], LayerKinds.Of(LayerKind.MaxPool2D).OutputDimensions([3, 32, 32], 0, new Window(2, 2, 2, 2, 1, 1, 0, 0, 0, 0)));
        Assert.Equal([3], LayerKinds.Of(LayerKind.GlobalAvgPool).OutputDimensions([3, 7, 7], 0, null));
        Assert.Empty(LayerKinds.Of(LayerKind.AvgPool1D).Tensors(new LayerDimensions([3, 8], [3, 4], new Window(1, 2, 1, 2, 1, 1, 0, 0, 0, 0))));
    }

    [Fact]
    public void TheNormalizationDescriptorsHaveTorchsTensorsAndState()
    {
        // torch.nn.BatchNorm2d(3) after a conv of [3, 4, 4]: weight [3], bias [3]; buffers running_mean [3], running_var [3], num_batches_tracked.
        var conv = new LayerDimensions([3, 4, 4], [3, 4, 4], null);
        LayerKindDescriptor batchNorm = LayerKinds.Of(LayerKind.BatchNorm);
        Assert.Equal(["weight [3]", "bias [3]"], batchNorm.Tensors(conv).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        Assert.Equal(["running_mean [3]", "running_var [3]"], batchNorm.Buffers(conv).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        Assert.Equal(["num_batches_tracked"], batchNorm.Counters);
        Assert.Equal((6L, true), (batchNorm.BufferCount(conv), batchNorm.CountersInStateDict));
        Assert.Equal((true, true, true, false, false, "BatchNormalization"),
            (batchNorm.KeepsShape, batchNorm.HasTrainingMode, batchNorm.UsesBatchStatistics, batchNorm.RunsOnSequences, batchNorm.DecaysWeights, batchNorm.OnnxOperator));
        Assert.Equal([3, 4, 4], batchNorm.OutputDimensions([3, 4, 4], 0, null));

        // torch.nn.LayerNorm([3, 4, 4]): weight and bias of the sample's whole shape, no state, the same in both modes.
        LayerKindDescriptor layerNorm = LayerKinds.Of(LayerKind.LayerNorm);
        Assert.Equal(["weight [3,4,4]", "bias [3,4,4]"], layerNorm.Tensors(conv).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        Assert.Equal((0L, 0, false, false, false, "LayerNormalization"),
            (layerNorm.BufferCount(conv), layerNorm.Counters.Length, layerNorm.HasTrainingMode, layerNorm.UsesBatchStatistics, layerNorm.DecaysWeights, layerNorm.OnnxOperator));
        Assert.True(layerNorm.KeepsShape);

        // torch.nn.Dropout: no tensors; its counter (draws) is NetGen's, not a state_dict entry.
        LayerKindDescriptor dropout = LayerKinds.Of(LayerKind.Dropout);
        Assert.Empty(dropout.Tensors(conv));
        Assert.Equal(["draws"], dropout.Counters);
        Assert.Equal((0L, false), (dropout.BufferCount(conv), dropout.CountersInStateDict));
        Assert.Equal((true, true, false, false, false), (dropout.KeepsShape, dropout.HasTrainingMode, dropout.HasParameters, dropout.UsesBatchStatistics, dropout.RunsOnSequences));
    }
}
