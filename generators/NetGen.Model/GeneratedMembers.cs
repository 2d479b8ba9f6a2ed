using System;
using System.Collections.Generic;

namespace NetGen.Model;

/// <summary>
/// The names of the members the generator writes into a network class (besides fields, which all start with an
/// underscore or "s_"). A layer property with one of these names would collide with generated code (CS0102 inside
/// a generated file), so the parser reports NG1021 on the property instead. A generator test keeps this list in
/// step with what the emitters write.
/// </summary>
internal static class GeneratedMembers
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // INetwork and SPEC §2
        "InputSize", "OutputSize", "ParameterCount", "Parameters", "Gradients", "Layers", "Forward", "Backward",
        "ZeroGradients", "TrainStep", "Buffers", "Counters", "TrainBatch", "Clone", "Summary", "LayerOutput", "LayerPreActivation", "LayerGradient",
        // the analyzer's prediction
        "PredictedGradientRatio", "PredictedDeltaGain", "PredictedGradientScales", "PredictedStepGains",
        // private helpers
        "StepsOf", "LoadInput", "ForwardCore", "OutputLength", "EnsureCapacity", "LayerOutOfRange",
        "ForwardBatch", "BackwardBatch", "EnsureBatchCapacity",
        // streaming (causal Conv1D networks)
        "StreamStep", "ResetStream", "StreamInputSize", "StreamOutputSize",
        // the packed inference form (dense networks)
        "Inference", "ToInference",
        // the network's PyTorch twin
        "PyTorchSource",
    };
}
