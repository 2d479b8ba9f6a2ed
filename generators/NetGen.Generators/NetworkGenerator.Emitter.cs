using System;
using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>[GeneratedCode] with this generator's version (the assembly's, so the attribute never lags a release).</summary>
    private static readonly string GeneratedCodeAttribute = "[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen.Generators\", \""
        + typeof(NetworkGenerator).Assembly.GetName().Version!.ToString(3) + "\")]";

    /// <summary>The whole generated file for one valid network.</summary>
    internal static string Emit(NetworkSpec spec, CancellationToken cancellationToken)
        => EmitFile(spec, $"partial {spec.TypeKeyword} {spec.ClassName} : global::NetGen.INetwork", cancellationToken, writer =>
        {
            EmitLayout(writer, spec, cancellationToken);
            EmitForward(writer, spec);
            EmitBackward(writer, spec);
            EmitTraining(writer, spec);
            if (HasBatchPath(spec)) EmitBatchPath(writer, spec, cancellationToken);
            if (IsStreamable(spec)) EmitStreaming(writer, spec);
            if (InferencePlan.Of(spec) is { } stages) EmitInference(writer, spec, stages, cancellationToken);
        });

    /// <summary>
    /// For an invalid network: every public member a valid one has (layer properties, constants, constructors,
    /// methods, INetwork), each throwing, so that code using the network still binds and the build's first and
    /// only errors are the analyzer's NG1xxx explanations, not CS0117/CS1061 about missing members. A member the
    /// class (or a base class) already declares is left out, as is anything a static class or an interface cannot hold.
    /// </summary>
    internal static string EmitStubs(NetworkSpec spec, CancellationToken cancellationToken)
    {
        bool isType = spec.TypeKeyword != "interface";
        bool instances = isType && !spec.IsStatic;
        bool implementsNetwork = instances && !spec.ImplementsNetworkExplicitly;
        string header = $"partial {spec.TypeKeyword} {spec.ClassName}" + (implementsNetwork ? " : global::NetGen.INetwork" : "");
        return EmitFile(spec, header, cancellationToken, writer =>
        {
            writer.WriteLine("// This network definition is invalid (see the NG1xxx errors): NetGen generated only these stubs, each throwing.");
            var ids = new System.Collections.Generic.List<string>();
            foreach (SpecDiagnostic diagnostic in spec.Diagnostics)
                if (diagnostic.IsError && !ids.Contains(diagnostic.Id)) ids.Add(diagnostic.Id);
            string exception = $"new {TypeNames.InvalidOperationException}("
                + Names.Literal($"Network '{spec.ClassName}' has an invalid definition ({string.Join(", ", ids)}); see the NG1xxx errors in the build output.") + ")";
            // One helper holds the message (an underscore name, as the generated fields, stays out of the user's way).
            string @throw = isType ? "throw _InvalidDefinition()" : "throw " + exception;
            if (isType) writer.WriteLine($"private static {TypeNames.InvalidOperationException} _InvalidDefinition() => {exception};");
            string doc = $"/// <summary>Not generated: the definition is invalid ({string.Join(", ", ids)}). Throws.</summary>";
            bool Free(string name) => !System.Linq.Enumerable.Contains(spec.DeclaredMembers, name);
            void Member(string name, string declaration)
            {
                if (!Free(name)) return;
                writer.WriteLine(doc);
                writer.WriteLine(declaration);
            }

            foreach (LayerSpec layer in spec.Layers)
                if (layer.IsImplementable)
                    writer.WriteLine($"{layer.PropertyModifiers} partial {layer.PropertyType} {CSharpIdentifier.Escape(layer.PropertyName)} => {@throw};");
            if (!isType) return;

            (int inputSize, int outputSize, int parameterCount) = KnownSizes(spec);
            if (Free("InputSize")) writer.WriteLine(Invariant($"public const int InputSize = {inputSize};"));
            if (Free("OutputSize")) writer.WriteLine(Invariant($"public const int OutputSize = {outputSize};"));
            if (Free("ParameterCount")) writer.WriteLine(Invariant($"public const int ParameterCount = {parameterCount};"));
            const string NotPredicted = "/// <summary>NaN: the analyzer predicts nothing for an invalid definition.</summary>";
            if (Free("PredictedGradientRatio")) { writer.WriteLine(NotPredicted); writer.WriteLine("public const double PredictedGradientRatio = double.NaN;"); }
            if (Free("PredictedDeltaGain")) { writer.WriteLine(NotPredicted); writer.WriteLine("public const double PredictedDeltaGain = double.NaN;"); }
            Member("PredictedGradientScales", $"public static global::System.ReadOnlySpan<double> PredictedGradientScales => {@throw};");
            bool recurrent = false;
            foreach (LayerSpec layer in spec.Layers) recurrent |= layer.IsRecurrentKind;
            if (recurrent) Member("PredictedStepGains", $"public static global::System.ReadOnlySpan<double> PredictedStepGains => {@throw};");
            Member("Summary", $"public static string Summary => {@throw};");
            Member("PyTorchSource", $"public static string PyTorchSource => {@throw};");
            if (!instances) return;

            // Constructors: none where they would not compile (see NetworkSpec.DeclaredMembers), none the class declares.
            string bareName = spec.ClassName.Split('<')[0];
            if (Free("this(fixed)"))
            {
                Member("this()", $"public {bareName}() => {@throw};");
                Member("this(int)", $"public {bareName}(int seed) => {@throw};");
            }
            if (!spec.TypeKeyword.StartsWith("record", StringComparison.Ordinal)) // CS8859: a record may have no member named Clone
                Member("Clone", $"public {spec.ClassName} Clone() => {@throw};");
            Member("Parameters", $"public {TypeNames.Span} Parameters => {@throw};");
            Member("Gradients", $"public {TypeNames.Span} Gradients => {@throw};");
            Member("Layers", $"public global::System.Collections.Generic.IReadOnlyList<global::NetGen.LayerInfo> Layers => {@throw};");
            Member("ZeroGradients", $"public void ZeroGradients() => {@throw};");
            if (Free("Forward"))
            {
                Member("Forward", $"public void Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output) => {@throw};");
                Member("Forward", $"public void Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize) => {@throw};");
            }
            Member("Backward", $"public float Backward({TypeNames.ReadOnlySpan} target) => {@throw};");
            Member("TrainStep", $"public float TrainStep({TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, global::NetGen.IOptimizer optimizer) => {@throw};");
            Member("TrainBatch", $"public float TrainBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int batchSize, global::NetGen.IOptimizer optimizer) => {@throw};");
            foreach (string view in new[] { "LayerOutput", "LayerPreActivation", "LayerGradient" })
                Member(view, $"public {TypeNames.ReadOnlySpan} {view}(int layer) => {@throw};");
            if (!implementsNetwork) return;

            // INetwork explicitly, whatever the class declares under the same names, so that generic code taking
            // an INetwork (Trainer, serializers) binds too.
            const string Network = "global::NetGen.INetwork";
            writer.WriteLine($"int {Network}.InputSize => {@throw};");
            writer.WriteLine($"int {Network}.OutputSize => {@throw};");
            writer.WriteLine($"int {Network}.ParameterCount => {@throw};");
            writer.WriteLine($"{TypeNames.Span} {Network}.Parameters => {@throw};");
            writer.WriteLine($"{TypeNames.Span} {Network}.Gradients => {@throw};");
            writer.WriteLine($"global::System.Collections.Generic.IReadOnlyList<global::NetGen.LayerInfo> {Network}.Layers => {@throw};");
            writer.WriteLine($"void {Network}.Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output) => {@throw};");
            writer.WriteLine($"void {Network}.Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize) => {@throw};");
            writer.WriteLine($"float {Network}.Backward({TypeNames.ReadOnlySpan} target) => {@throw};");
            writer.WriteLine($"void {Network}.ZeroGradients() => {@throw};");
            writer.WriteLine($"float {Network}.TrainStep({TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, global::NetGen.IOptimizer optimizer) => {@throw};");
            writer.WriteLine($"float {Network}.TrainBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int batchSize, global::NetGen.IOptimizer optimizer) => {@throw};");
            foreach (string view in new[] { "LayerOutput", "LayerPreActivation", "LayerGradient" })
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {Network}.{view}(int layer) => {@throw};");
            writer.WriteLine($"{Network} {Network}.Clone() => {@throw};");
        });
    }

    /// <summary>
    /// InputSize, OutputSize and ParameterCount of an invalid network where its layers say them for sure, else 0:
    /// a size the parser replaced (NG1004, NG1005) or a misplaced or missing input makes the figures unknown.
    /// </summary>
    private static (int Input, int Output, int Parameters) KnownSizes(NetworkSpec spec)
    {
        var unknown = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        bool layout = true;
        foreach (SpecDiagnostic diagnostic in spec.Diagnostics)
        {
            if (diagnostic.Id is DiagnosticIds.NonPositiveSize or DiagnosticIds.TooLarge && diagnostic.MessageArguments.Count > 0)
                unknown.Add(diagnostic.MessageArguments[0]);
            if (diagnostic.Id is DiagnosticIds.MissingInput or DiagnosticIds.InputNotFirst or DiagnosticIds.TooLarge) layout = false;
        }
        if (spec.Layers.Count == 0 || spec.Layers[0].Kind != LayerKind.Input) return (0, 0, 0);
        LayerSpec input = spec.Layers[0], output = spec.Output;
        int inputSize = unknown.Contains(input.PropertyName) ? 0 : input.OutputSize;
        bool hasOutput = spec.Layers.Count > 1 && output.Kind != LayerKind.Input;
        int outputSize = hasOutput && !unknown.Contains(output.PropertyName) ? output.OutputSize : 0;
        int parameters = hasOutput && layout && unknown.Count == 0 ? spec.ParameterCount : 0;
        return (inputSize, outputSize, parameters);
    }

    /// <summary>One line a reader of the file sees first: "XorNet: In 2 → Hidden Dense 4 tanh → Out Dense 1 sigmoid; BinaryCrossEntropy, 17 parameters".</summary>
    private static string Headline(NetworkSpec spec)
    {
        var parts = new System.Collections.Generic.List<string>();
        foreach (LayerSpec layer in spec.Layers)
            parts.Add(layer.Kind == LayerKind.Input
                ? $"{layer.PropertyName} {layer.OutputShape}"
                : $"{layer.PropertyName} {layer.Kind} {layer.OutputSize}" + (layer.Descriptor.HasActivationArgument ? " " + ActivationCatalog.Of(layer.Activation).Name : ""));
        return $"{spec.ClassName}: {string.Join(" → ", parts)}; {spec.Loss}, {spec.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture)} parameters";
    }

    /// <summary>Header, namespace and enclosing types around the class body; <paramref name="markClass"/>: [GeneratedCode] on the class (once per class: a second file marks its members).</summary>
    internal static string EmitFile(NetworkSpec spec, string classHeader, CancellationToken cancellationToken, Action<SourceWriter> body, bool markClass = true)
    {
        var writer = new SourceWriter(cancellationToken);
        writer.WriteLine("// <auto-generated/>");
        writer.WriteLine("// " + (spec.HasErrors ? spec.ClassName + ": an invalid definition (see the NG1xxx errors)" : Headline(spec)));
        writer.WriteLine("#nullable enable");
        writer.WriteLine();

        var scopes = new System.Collections.Generic.List<SourceWriter.Block>();
        if (spec.Namespace is not null) scopes.Add(writer.OpenBlock("namespace " + spec.Namespace));
        foreach (string containingType in spec.ContainingTypes) scopes.Add(writer.OpenBlock(containingType));

        if (markClass) writer.WriteLine(GeneratedCodeAttribute);
        using (writer.OpenBlock(classHeader)) body(writer);

        for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
        return writer.ToString();
    }
}
