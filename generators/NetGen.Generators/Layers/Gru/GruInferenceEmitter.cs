using NetGen.Generators.Helpers;

namespace NetGen.Generators.Layers;

/// <summary>A GRU layer in the inference form (<c>GruInferenceKernels</c>).</summary>
internal sealed class GruInferenceEmitter : GatedInferenceEmitter
{
    protected override string Kernels => TypeNames.Numerics + ".GruInferenceKernels";
    protected override int ColumnsPerUnit => 3;
    protected override int BiasPerUnit => 4;
    protected override bool KeepsCell => false;
    protected override string BlockColumns => "r, z, n (W_in in x rows, W_hn in h rows); b: r, z, b_in, b_hn";
}
