using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Base64 characters per line of a tensor's literal: short enough for an editor, long enough that indentation costs little.</summary>
    private const int Base64LineLength = 128;

    /// <summary>
    /// The second file of a network with <c>[Network(Weights)]</c>: <c>_LoadCompiledWeights()</c>, which the parameterless
    /// constructor calls. Each float tensor is a UTF-8 literal of its float32 little-endian bytes in base64: the
    /// compiler stores it as constant data in the assembly (no allocation, no resource, no file), and
    /// <c>CompiledWeights.Decode</c> writes it into the parameters or buffers. Base64 in a <c>"""…"""u8</c> literal
    /// measured best: a million parameters are 5.3 MB of source and about 5 s of build, where a <c>new byte[] { … }</c>
    /// or <c>new uint[] { … }</c> initialiser takes 10–75 s (docs/compiled-weights.md); a u8 literal cannot hold raw
    /// bytes above 0x7F, which UTF-8 would widen.
    /// </summary>
    internal static string EmitCompiledWeights(NetworkSpec spec, EmbeddedWeights weights, CancellationToken cancellationToken)
        => EmitFile(spec, $"partial {spec.TypeKeyword} {spec.ClassName}", cancellationToken, writer =>
        {
            writer.WriteLine("/// <summary>Fills the parameters, buffers and counters with the weights compiled in from " + CommentText(weights.FileName) + ".</summary>");
            writer.WriteLine(GeneratedCodeAttribute);
            using (writer.OpenBlock("private void _LoadCompiledWeights()"))
            {
                foreach (EmbeddedTensor tensor in weights.Tensors)
                {
                    writer.WriteLine(Invariant($"// {CommentText(tensor.Name)}: {tensor.Description} in the file, {tensor.Block}[{tensor.Offset}..{tensor.Offset + tensor.Count})"));
                    if (tensor.Block == TensorBlock.Counters)
                    {
                        writer.WriteLine(Invariant($"_counters[{tensor.Offset}] = {tensor.Counter}L;"));
                        continue;
                    }
                    string block = tensor.Block == TensorBlock.Parameters ? "_parameters.Span" : "((global::System.Span<float>)_buffers)";
                    writer.WriteLine($"{TypeNames.CompiledWeights}.Decode(\"\"\"");
                    for (int start = 0; start < tensor.Base64.Length; start += Base64LineLength)
                        writer.WriteLine(tensor.Base64.Substring(start, System.Math.Min(Base64LineLength, tensor.Base64.Length - start)));
                    writer.WriteLine(Invariant($"\"\"\"u8, {block}.Slice({tensor.Offset}, {tensor.Count}));"));
                }
            }
        }, markClass: false);

    /// <summary>A user's string in a comment: on one line, with XML's special characters escaped.</summary>
    private static string CommentText(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
            escaped.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", < ' ' or '\u2028' or '\u2029' or '\u0085' => "?", _ => c.ToString() });
        return escaped.ToString();
    }
}
