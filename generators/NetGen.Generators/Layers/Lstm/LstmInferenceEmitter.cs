using NetGen.Generators.Helpers;

namespace NetGen.Generators.Layers;

/// <summary>An LSTM layer in the inference form (<c>LstmInferenceKernels</c>).</summary>
internal sealed class LstmInferenceEmitter : GatedInferenceEmitter
{
    protected override string Kernels => TypeNames.Numerics + ".LstmInferenceKernels";
    protected override int ColumnsPerUnit => 4;
    protected override int BiasPerUnit => 4;
    protected override bool KeepsCell => true;
    protected override string BlockColumns => "i, f, g, o";
}
