using System.Text;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Constants, parameter and workspace buffers, constructors, layer views, Layers, Summary and PyTorchSource.</summary>
    internal static void EmitLayout(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        string bareName = spec.ClassName.Split('<')[0];
        GradientFlowPrediction prediction = GradientFlowEstimator.Estimate(spec, cancellationToken);
        writer.WriteLine(Invariant($"/// <summary>Values per input sample{(spec.IsRecurrent ? " (per time step)" : "")}: {spec.InputSize}.</summary>"));
        writer.WriteLine(Invariant($"public const int InputSize = {spec.InputSize};"));
        writer.WriteLine(Invariant($"/// <summary>Values per output sample: {spec.OutputSize}.</summary>"));
        writer.WriteLine(Invariant($"public const int OutputSize = {spec.OutputSize};"));
        writer.WriteLine(Invariant($"/// <summary>Weights and biases: {spec.ParameterCount:N0}.</summary>"));
        writer.WriteLine(Invariant($"public const int ParameterCount = {spec.ParameterCount};"));
        // An editor's hover shows a constant's documentation but not its value: the summaries carry it.
        writer.WriteLine("/// <summary>The analyzer's mean-field prediction at initialisation of R = ‖∇W_first‖ / ‖∇W_last‖ (compare GradientFlow.Measure): "
            + PredictedValue(spec, prediction.Ratio) + ".</summary>");
        writer.WriteLine($"public const double PredictedGradientRatio = {Names.DoubleLiteral(prediction.Ratio)};");
        writer.WriteLine("/// <summary>The analyzer's prediction of G = mean(δ²) of the first weight layer / that of the last hidden layer: "
            + PredictedValue(spec, prediction.DeltaGain) + ".</summary>");
        writer.WriteLine($"public const double PredictedDeltaGain = {Names.DoubleLiteral(prediction.DeltaGain)};");
        writer.WriteLine("/// <summary>Per layer (indexed as <see cref=\"Layers\"/>, 0 for the input), the predicted ‖∇W_l‖ relative to the output layer's at initialisation.</summary>");
        string scales = string.Join(", ", System.Linq.Enumerable.Select(prediction.Layers, layer => Names.DoubleLiteral(layer.WeightGradientScale)));
        writer.WriteLine($"public static global::System.ReadOnlySpan<double> PredictedGradientScales => new double[] {{ {scales} }};");
        if (spec.IsRecurrent)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Per layer, the predicted factor by which the gradient's mean square changes per step back in time at initialisation:");
            writer.WriteLine("/// the typical (log-mean) factor for a simple recurrent layer's gradient (NG0004), the long-run λ for a gated layer's state (its mean field, led by σ(b), b the LSTM's ForgetBias or the GRU's UpdateBias: NG0006); NaN for other layers.");
            writer.WriteLine("/// Over a whole sequence the analyzer combines them with the layers above (compare GradientFlow.MeasureThroughTime).");
            writer.WriteLine("/// </summary>");
            string gains = string.Join(", ", System.Linq.Enumerable.Select(prediction.Layers, layer => Names.DoubleLiteral(layer.StepGain)));
            writer.WriteLine($"public static global::System.ReadOnlySpan<double> PredictedStepGains => new double[] {{ {gains} }};");
        }
        writer.WriteLine();
        writer.WriteLine("// 64-byte aligned, so that 512-bit loads and stores never straddle two cache lines.");
        writer.WriteLine($"private readonly {TypeNames.Numerics}.AlignedBlock _parameters = new(ParameterCount), _gradients = new(ParameterCount);");
        if (HasState(spec))
        {
            writer.WriteLine("// State that is not a parameter: running statistics (Buffers) and counts (Counters), saved and loaded, never trained.");
            writer.WriteLine(Invariant($"private readonly float[] _buffers = new float[{spec.BufferCount}];"));
            writer.WriteLine(Invariant($"private readonly long[] _counters = new long[{spec.CounterCount}];"));
        }
        if (HasDropout(spec)) writer.WriteLine("private readonly int _seed; // dropout's masks are drawn from it");
        EmitWorkspaceFields(writer, spec);
        writer.WriteLine();

        EmitLayerInfos(writer, spec);
        foreach (LayerSpec layer in spec.Layers)
            writer.WriteLine($"private readonly {ViewType(layer)} {Names.LayerField(layer)};");
        writer.WriteLine();

        bool compiledWeights = spec.Weights is not null;
        if (compiledWeights)
        {
            writer.WriteLine("/// <summary>A network holding the weights compiled in from " + CommentText(spec.Weights!) + " ([Network(Weights)]): parameters, buffers and counters as trained.</summary>");
            writer.WriteLine(Invariant($"public {bareName}() : this({spec.Seed}, null, compiledWeights: true) {{ }}"));
        }
        else
        {
            writer.WriteLine("/// <summary>A network initialised from the seed given in [Network].</summary>");
            writer.WriteLine(Invariant($"public {bareName}() : this({spec.Seed}, null) {{ }}"));
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>A network initialised from <paramref name=\"seed\"/>: the same seed gives the same weights on every machine"
            + (compiledWeights ? " (random weights, not the compiled-in ones: to train again from scratch)" : "") + ".</summary>");
        writer.WriteLine($"public {bareName}(int seed) : this(seed, null) {{ }}");
        writer.WriteLine();
        using (writer.OpenBlock($"private {bareName}(int seed, {spec.ClassName}? source{(compiledWeights ? ", bool compiledWeights = false" : "")})"))
        {
            foreach (LayerSpec layer in spec.Layers)
                writer.WriteLine(Invariant($"{Names.LayerField(layer)} = new {ViewType(layer)}(s_layers[{layer.Index}]{(layer.Descriptor.HasParameters ? ", _parameters" : "")}{(layer.BufferCount > 0 ? ", _buffers, _counters" : "")});"));
            if (HasDropout(spec)) writer.WriteLine("_seed = source is null ? seed : source._seed;");
            using (writer.OpenBlock("if (source is not null)"))
            {
                writer.WriteLine("source._parameters.Span.CopyTo(_parameters.Span);");
                if (HasState(spec))
                {
                    writer.WriteLine("source._buffers.CopyTo(_buffers, 0);");
                    writer.WriteLine("source._counters.CopyTo(_counters, 0);");
                }
                writer.WriteLine("return;");
            }
            if (compiledWeights)
            {
                using (writer.OpenBlock("if (compiledWeights)"))
                {
                    writer.WriteLine("_LoadCompiledWeights();");
                    writer.WriteLine("return;");
                }
            }
            foreach (LayerSpec layer in spec.Layers)
                Layers.LayerEmitters.Of(layer).EmitInitialisation(writer, layer);
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>A network with the same parameters and its own workspace (one instance per thread).</summary>");
        writer.WriteLine($"public {spec.ClassName} Clone() => new {spec.ClassName}(0, this);");
        writer.WriteLine("global::NetGen.INetwork global::NetGen.INetwork.Clone() => Clone();");
        writer.WriteLine("int global::NetGen.INetwork.InputSize => InputSize;");
        writer.WriteLine("int global::NetGen.INetwork.OutputSize => OutputSize;");
        writer.WriteLine("int global::NetGen.INetwork.ParameterCount => ParameterCount;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Every weight and bias, one contiguous block; each dense weight is [out, in] row-major, then its bias.</summary>");
        writer.WriteLine($"public {TypeNames.Span} Parameters => _parameters.Span;");
        writer.WriteLine("/// <summary>Gradients in the layout of <see cref=\"Parameters\"/>.</summary>");
        writer.WriteLine($"public {TypeNames.Span} Gradients => _gradients.Span;");
        if (HasState(spec))
        {
            writer.WriteLine("/// <summary>State tensors that are not parameters (PyTorch's buffers: batch normalisation's running_mean and running_var), per layer in state_dict order.</summary>");
            writer.WriteLine($"public {TypeNames.Span} Buffers => _buffers;");
            writer.WriteLine("/// <summary>Integer state: batch normalisation's num_batches_tracked, dropout's count of random draws.</summary>");
            writer.WriteLine("public global::System.Span<long> Counters => _counters;");
        }
        writer.WriteLine("/// <summary>The layers in declaration order.</summary>");
        writer.WriteLine("public global::System.Collections.Generic.IReadOnlyList<global::NetGen.LayerInfo> Layers => s_layers;");
        writer.WriteLine("/// <summary>Sets every gradient to zero.</summary>");
        writer.WriteLine("public void ZeroGradients() => _gradients.Span.Clear();");
        writer.WriteLine();
        foreach (LayerSpec layer in spec.Layers)
        {
            writer.WriteLine("/// <summary>");
            foreach (string line in LayerDocumentation(spec, layer, prediction)) writer.WriteLine("/// " + line);
            writer.WriteLine("/// </summary>");
            writer.WriteLine($"{layer.PropertyModifiers} partial {ViewType(layer)} {CSharpIdentifier.Escape(layer.PropertyName)} => {Names.LayerField(layer)};");
        }
        writer.WriteLine();
        EmitSummary(writer, spec, prediction);
        EmitPyTorchSource(writer, spec, cancellationToken);
    }

    /// <summary>"1.2" for a hover, or why there is no figure: "NaN (a recurrent network is judged per step: see PredictedStepGains)".</summary>
    private static string PredictedValue(NetworkSpec spec, double value)
        => !double.IsNaN(value) ? Names.XmlText(Figures.Format(value))
            : spec.IsRecurrent ? "NaN, not predicted for a recurrent network, whose gradient flow is judged per step back in time (see <see cref=\"PredictedStepGains\"/>)"
            : "NaN, no prediction for this network";

    /// <summary>
    /// A layer property's hover text: kind, size and activation, output shape, parameters, and the prediction at
    /// initialisation (its gradient scale relative to the output layer's; for a recurrent layer, the per-step factor).
    /// </summary>
    internal static System.Collections.Generic.IEnumerable<string> LayerDocumentation(NetworkSpec spec, LayerSpec layer, GradientFlowPrediction prediction)
    {
        if (layer.Kind == LayerKind.Input)
        {
            yield return Invariant($"The input: {layer.OutputSize} values per sample{(layer.OutputShape.HasSteps ? " and time step" : "")}, output shape {layer.OutputShape}.");
            yield break;
        }
        string activation = layer.Descriptor.HasActivationArgument ? " " + ActivationCatalog.Of(layer.Activation).Name : "";
        string residual = layer.HasResidual ? $" plus the output of {Names.XmlText(layer.ResidualName!)} (residual)" : "";
        if (!layer.Descriptor.HasParameters)
        {
            yield return Names.XmlText(Invariant($"{layer.Kind}{Kernel(layer)}: output shape {layer.OutputShape}, no parameters."));
            yield break;
        }
        string size = layer.Window is null ? Invariant($"{layer.OutputSize}") : Invariant($"{layer.OutputShape.Dimensions[0]} filters{Kernel(layer)}");
        yield return Names.XmlText(Invariant($"{layer.Kind} {size}{activation}{residual}: output shape {layer.OutputShape}, {layer.ParameterCount:N0} parameter{(layer.ParameterCount == 1 ? "" : "s")} from offset {layer.ParameterOffset:N0} of Parameters."));
        if (layer.IsRecurrentKind)
        {
            double gain = prediction.Layers[layer.Index].StepGain;
            if (double.IsNaN(gain))
            {
                yield return "No per-step prediction for this layer.";
                yield break;
            }
            string over = spec.SequenceLength > 1
                ? Invariant($" (from the last of SequenceLength = {spec.SequenceLength} steps to the first: × {Figures.Format(System.Math.Exp(RecurrentFlow.LogGradientOverSequence(spec, prediction.Decays(), layer.Index, spec.SequenceLength)))})")
                : "";
            yield return $"Predicted at initialisation: per step back in time, the state gradient's mean square × {Figures.Format(gain)} in the long run{over}.";
            yield break;
        }
        // Scales are relative to the last layer with weights: the output, unless the network ends in pooling.
        int[] weights = spec.WeightLayers;
        int reference = weights.Length > 0 ? weights[weights.Length - 1] : -1;
        bool outputIsReference = reference == spec.Layers.Count - 1;
        double scale = prediction.Layers[layer.Index].WeightGradientScale;
        if (!layer.Descriptor.HasParameters)
            yield return "No weights, so no gradient scale: it routes the gradient back through its window.";
        else if (layer.Index == reference && !double.IsNaN(scale))
            yield return (outputIsReference ? "The output layer" : "The last layer with weights") + ": the other layers' predicted gradient scales ‖∇W‖ are relative to its own.";
        else if (!double.IsNaN(scale))
            yield return $"Predicted at initialisation: ‖∇W‖ ≈ {Figures.Format(scale)} × {(outputIsReference ? "the output layer's" : "that of the last layer with weights")}.";
        else if (spec.IsRecurrent)
            yield return "No gradient scale predicted: a recurrent network's gradient flow is judged per step back in time, by its recurrent layers' figures (see <see cref=\"PredictedStepGains\"/>).";
        else
            yield return "No gradient scale predicted for this layer.";
    }

    /// <summary>" 3×3, stride 2" or " 5, dilation 2" for a window kind (its padding shows in the output shape), else "".</summary>
    private static string Kernel(LayerSpec layer)
    {
        if (layer.Window is not { } w) return "";
        string kernel = layer.Descriptor.WindowRank == 1 ? Invariant($" {w.KernelWidth}") : Invariant($" {w.KernelHeight}×{w.KernelWidth}");
        int stride = layer.Descriptor.WindowRank == 1 ? w.StrideWidth : w.StrideHeight, dilation = layer.Descriptor.WindowRank == 1 ? w.DilationWidth : w.DilationHeight;
        return kernel + (stride != 1 ? Invariant($", stride {stride}") : "") + (dilation != 1 ? Invariant($", dilation {dilation}") : "");
    }

    /// <summary>Some layer keeps state beside its parameters (running statistics, counters).</summary>
    private static bool HasState(NetworkSpec spec) => spec.BufferCount > 0 || spec.CounterCount > 0;

    private static bool HasDropout(NetworkSpec spec) => System.Linq.Enumerable.Any(spec.Layers, layer => layer.Kind == LayerKind.Dropout);

    internal static void EmitFill(SourceWriter writer, int offset, Init init, int fanIn, int fanOut, string stream)
        => writer.WriteLine(Invariant($"{TypeNames.Numerics}.WeightInitializer.Fill(_parameters.Span.Slice({offset}, {fanIn * fanOut}), global::NetGen.Init.{init}, {fanIn}, {fanOut}, new {TypeNames.Numerics}.SeededRandom(seed, {stream}));"));

    internal static string ViewType(LayerSpec layer) => "global::NetGen." + layer.Descriptor.ViewType;

    /// <summary>For a layer with more than features in or out: " { InputShape = [1, 28, 28], OutputShape = [...], Window = new(...) }".</summary>
    private static string ShapeInitialiser(LayerSpec layer)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (layer.InputShape.Dimensions.Count > 1) parts.Add("InputShape = [" + string.Join(", ", layer.InputShape.Dimensions) + "]");
        if (layer.OutputShape.Dimensions.Count > 1) parts.Add("OutputShape = [" + string.Join(", ", layer.OutputShape.Dimensions) + "]");
        if (layer.Window is { } w)
            parts.Add(Invariant($"Window = new({w.KernelHeight}, {w.KernelWidth}, {w.StrideHeight}, {w.StrideWidth}, {w.DilationHeight}, {w.DilationWidth}, {w.PadTop}, {w.PadBottom}, {w.PadLeft}, {w.PadRight})"));
        if (layer.DropoutProbability != 0) parts.Add("DropoutProbability = " + Names.DoubleLiteral(layer.DropoutProbability));
        if (layer.BufferOffset != 0) parts.Add(Invariant($"BufferOffset = {layer.BufferOffset}"));
        if (layer.CounterOffset != 0) parts.Add(Invariant($"CounterOffset = {layer.CounterOffset}"));
        return parts.Count == 0 ? "" : " { " + string.Join(", ", parts) + " }";
    }

    internal static void EmitLayerInfos(SourceWriter writer, NetworkSpec spec)
    {
        using (writer.OpenBlock("private static readonly global::System.Collections.ObjectModel.ReadOnlyCollection<global::NetGen.LayerInfo> s_layers = global::System.Array.AsReadOnly(new global::NetGen.LayerInfo[]", closing: "});"))
        {
            foreach (LayerSpec layer in spec.Layers)
            {
                string residual = layer.HasResidual ? Names.Literal(spec.Layers[layer.ResidualIndex].TensorName) : "null";
                string returnSequences = layer.ReturnSequences ? ", ReturnSequences: true" : "";
                writer.WriteLine(Invariant($"new({Names.Literal(layer.TensorName)}, global::NetGen.LayerKind.{layer.Kind}, global::NetGen.Activation.{layer.Activation}, {layer.InputSize}, {layer.OutputSize}, {layer.ParameterOffset}, {layer.ParameterCount}, {residual}{returnSequences}){ShapeInitialiser(layer)},"));
            }
        }
    }
}
