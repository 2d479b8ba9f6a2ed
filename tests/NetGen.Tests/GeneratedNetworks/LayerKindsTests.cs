using System;
using System.Linq;
using NetGen.Model;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The registry of layer kinds (one descriptor per kind, indexed by the enum's value), and the GRU's descriptor:
/// PyTorch's tensors, gates and memory gate.
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
            gru.Tensors(5, 4).Select(tensor => $"{tensor.Suffix} [{string.Join(",", tensor.Shape)}]"));
        Assert.Equal((12L, 12 * 9L, 12 * 11L), (gru.Rows(4), gru.WeightCount(5, 4), gru.ParameterCount(5, 4)));
        Assert.Equal((0L, 60L, 108L, 120L), (gru.TensorOffset(5, 4, "weight_ih"), gru.TensorOffset(5, 4, "weight_hh"), gru.TensorOffset(5, 4, "bias_ih"), gru.TensorOffset(5, 4, "bias_hh")));
        Assert.Equal(Activation.Tanh, gru.DefaultActivation);
    }
}
