using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;

namespace NetGen.Generators.Layers;

/// <summary>The input holds what LoadInput copied; it has no parameters and nothing to compute.</summary>
internal sealed partial class InputEmitter : ILayerEmitter
{
    public void AddBuffers(LayerSpec layer, List<NetworkGenerator.Buffer> buffers) { }

    public void EmitInitialisation(SourceWriter writer, LayerSpec layer) { }

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer) { }

    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer) { }
}
