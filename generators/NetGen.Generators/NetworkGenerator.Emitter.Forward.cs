using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Forward (one sample and a batch) and ForwardCore, one block per layer.</summary>
    private static void EmitForward(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        string output = Names.Output(spec.Output.Index);
        writer.WriteLine();
        writer.WriteLine("/// <summary>Runs one sample forward and keeps what <see cref=\"Backward\"/> needs.</summary>");
        using (writer.OpenBlock("public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckLength(output.Length, OutputSize, \"the output\", nameof(output));");
            writer.WriteLine("LoadInput(input);");
            writer.WriteLine("ForwardCore();");
            writer.WriteLine($"global::System.MemoryExtensions.CopyTo({output}, output);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Runs <paramref name=\"batchSize\"/> samples forward; rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/> are samples.</summary>");
        using (writer.OpenBlock("public void Forward(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int batchSize)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckBatch(batchSize, inputs.Length, InputSize, outputs.Length, OutputSize, nameof(outputs));");
            using (writer.OpenBlock("for (int sample = 0; sample < batchSize; sample++)"))
            {
                writer.WriteLine($"inputs.Slice(sample * InputSize, InputSize).CopyTo({Names.Output(0)});");
                writer.WriteLine("ForwardCore();");
                writer.WriteLine($"global::System.MemoryExtensions.CopyTo({output}, outputs.Slice(sample * OutputSize, OutputSize));");
            }
        }
        writer.WriteLine();
        using (writer.OpenBlock("private void LoadInput(global::System.ReadOnlySpan<float> input)"))
        {
            writer.WriteLine("global::NetGen.NetworkArguments.CheckLength(input.Length, InputSize, \"the input\", nameof(input));");
            writer.WriteLine($"input.CopyTo({Names.Output(0)});");
        }
        writer.WriteLine();
        EmitWorkspaceViews(writer, spec);
        writer.WriteLine();
        using (writer.OpenBlock("private void ForwardCore()"))
        {
            writer.WriteLine("global::System.ReadOnlySpan<float> p = _parameters;");
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (layer.Kind == LayerKind.Dense) EmitDenseForward(writer, spec, layer);
            }
            writer.WriteLine("_hasForward = true;");
        }
    }

    /// <summary>LayerOutput and LayerPreActivation: read-only views of what Forward kept, for monitors such as GradientFlow.</summary>
    private static void EmitWorkspaceViews(SourceWriter writer, NetworkSpec spec)
    {
        writer.WriteLine("/// <summary>After Forward: the output of layer <paramref name=\"layer\"/> (index into <see cref=\"Layers\"/>; 0 is the input).</summary>");
        using (writer.OpenBlock("public global::System.ReadOnlySpan<float> LayerOutput(int layer) => layer switch", closing: "};"))
        {
            foreach (LayerSpec layer in spec.Layers) writer.WriteLine(Invariant($"{layer.Index} => {Names.Output(layer.Index)},"));
            writer.WriteLine("_ => throw LayerOutOfRange(layer),");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>After Forward: the pre-activation z = W·x + b of layer <paramref name=\"layer\"/> (empty for the input).</summary>");
        using (writer.OpenBlock("public global::System.ReadOnlySpan<float> LayerPreActivation(int layer) => layer switch", closing: "};"))
        {
            writer.WriteLine("0 => global::System.ReadOnlySpan<float>.Empty,");
            foreach (LayerSpec layer in spec.Layers)
                if (layer.Kind != LayerKind.Input) writer.WriteLine(Invariant($"{layer.Index} => {Names.PreActivation(layer.Index)},"));
            writer.WriteLine("_ => throw LayerOutOfRange(layer),");
        }
        writer.WriteLine();
        writer.WriteLine(Invariant($"private static global::System.ArgumentOutOfRangeException LayerOutOfRange(int layer) => new(nameof(layer), layer, \"Layers are numbered 0 (the input) to {spec.Layers.Count - 1}.\");"));
    }

    private static void EmitDenseForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: z = W·x + b, W = p[{layer.ParameterOffset}..{layer.BiasOffset}) as [{units}, {inputs}], b = p[{layer.BiasOffset}..{layer.BiasOffset + units})"));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"global::System.ReadOnlySpan<float> w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units}), x = {Names.Output(layer.Index - 1)};"));
            string buffers = Invariant($"z = {Names.PreActivation(layer.Index)}, h = {Names.Activated(layer)}");
            if (layer.HasResidual) buffers += Invariant($", a = {Names.Output(layer.Index)}");
            writer.WriteLine($"global::System.Span<float> {buffers};");
            if (layer.HasResidual) writer.WriteLine(Invariant($"global::System.ReadOnlySpan<float> r = {Names.Output(layer.ResidualIndex)};"));

            if (Names.IsUnrolled(layer))
            {
                for (int o = 0; o < units; o++)
                {
                    var line = new System.Text.StringBuilder(Invariant($"z[{o}] = b[{o}]"));
                    for (int i = 0; i < inputs; i++) line.Append(Invariant($" + w[{o * inputs + i}] * x[{i}]"));
                    writer.WriteLine(line.Append(';').ToString());
                }
            }
            else
            {
                writer.WriteLine(Invariant($"for (int o = 0; o < {units}; o++) z[o] = b[o] + global::NetGen.Numerics.Kernels.Dot(w.Slice(o * {inputs}, {inputs}), x);"));
            }

            if (layer.Activation == ActivationKind.Softmax)
                writer.WriteLine("global::NetGen.Activations.Softmax.Apply(z, h);");
            else
                EmitElementwise(writer, units, Names.IsUnrolled(layer), i => $"h[{i}] = {Names.ActivationType(layer.Activation)}.Apply(z[{i}]);");
            if (layer.HasResidual)
                EmitElementwise(writer, units, Names.IsUnrolled(layer), i => $"a[{i}] = h[{i}] + r[{i}];");
        }
    }

    /// <summary>One statement per element: written out for small layers, a constant-bound loop otherwise.</summary>
    private static void EmitElementwise(SourceWriter writer, int count, bool unrolled, System.Func<string, string> statement)
    {
        if (unrolled)
            for (int i = 0; i < count; i++) writer.WriteLine(statement(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        else
            writer.WriteLine(Invariant($"for (int i = 0; i < {count}; i++) ") + statement("i"));
    }
}
