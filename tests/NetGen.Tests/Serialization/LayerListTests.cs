using System;
using System.IO;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>A hand-written INetwork whose layer list cannot be saved or loaded is refused with an ArgumentException naming the layer or tensor.</summary>
public sealed class LayerListTests
{
    private static readonly LayerInfo Input = new("In", LayerKind.Input, Activation.Linear, 0, 2, 0, 0);

    public static TheoryData<string, LayerInfo[], string> BadLayers => new()
    {
        {
            "duplicate name",
            [Input, new("fc", LayerKind.Dense, Activation.Tanh, 2, 2, 0, 6), new("fc", LayerKind.Dense, Activation.Linear, 2, 1, 6, 3)],
            "Two layers would write tensor 'fc.weight'; tensor names must be unique."
        },
        {
            "past the parameters",
            [Input, new("fc1", LayerKind.Dense, Activation.Tanh, 2, 2, 0, 6), new("fc2", LayerKind.Dense, Activation.Linear, 2, 1, 7, 3)],
            "Layer 'fc2' (3 parameters at offset 7) does not fit the network's 9 parameters."
        },
        {
            "count not its sizes'",
            [Input, new("fc1", LayerKind.Dense, Activation.Tanh, 2, 2, 0, 5)],
            "Layer 'fc1' (5 parameters at offset 0) does not fit the network's 9 parameters."
        },
        {
            "unknown kind",
            [Input, new("odd", (LayerKind)99, Activation.Tanh, 2, 2, 0, 6)],
            "Layer 'odd' has kind 99, which has no safetensors layout."
        },
    };

    [Theory]
    [MemberData(nameof(BadLayers))]
    public void SaveAndLoadRefuseTheLayerList(string fault, LayerInfo[] layers, string message)
    {
        INetwork network = NetworkDouble.WithLayers(new TinyNet(), layers);
        byte[] valid = SafeTensorsBytes.File(SafeTensorsBytes.TinyHeader, SafeTensorsBytes.TinyData);

        ArgumentException save = Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, new MemoryStream()));
        ArgumentException load = Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new MemoryStream(valid)));

        Assert.True(save.Message.StartsWith(message, StringComparison.Ordinal), $"{fault}: {save.Message}");
        Assert.Equal(save.Message, load.Message);
        Assert.Equal("net", save.ParamName);
    }
}
