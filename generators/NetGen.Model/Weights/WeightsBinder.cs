using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Serialization;

namespace NetGen.Model;

/// <summary>The outcome of checking a network's weights file: what to compile in, or why not (NG1005, NG1026–NG1029, without locations).</summary>
internal sealed record WeightsBinding(EmbeddedWeights? Weights, EquatableArray<SpecDiagnostic> Diagnostics);

/// <summary>
/// Checks <c>[Network(Weights = "…")]</c> against the project's additional files, as <c>SafeTensors.Load</c> (strict,
/// no extra tensors) would at run time, and converts the values for embedding. Shared by the generator (which embeds)
/// and the analyzer (which reports), so both judge the same file the same way. Never throws for a bad file.
/// </summary>
internal static class WeightsBinder
{
    /// <param name="spec">A valid network with <see cref="NetworkSpec.Weights"/> set.</param>
    /// <param name="candidates">The additional files whose paths match <see cref="NetworkSpec.Weights"/> (<see cref="WeightsFile.Matches"/>).</param>
    /// <param name="embed">Convert the values (the generator); false checks only (the analyzer).</param>
    /// <param name="cancellationToken">Checked between tensors.</param>
    public static WeightsBinding Bind(NetworkSpec spec, IReadOnlyList<WeightsFile> candidates, bool embed, CancellationToken cancellationToken)
    {
        string weights = spec.Weights ?? throw new ArgumentException("The network names no weights file.", nameof(spec));
        if (candidates.Count != 1)
            return Fail(DiagnosticIds.WeightsFileNotFound, weights, candidates.Count == 0
                ? $"no AdditionalFiles item of the project ends with this path (add <AdditionalFiles Include=\"{weights}\" />; the name must end in {WeightsFile.Extension})"
                : $"{candidates.Count} AdditionalFiles items match it ({string.Join(", ", candidates.Select(file => file.Path).OrderBy(path => path, StringComparer.Ordinal))}): give more of the path");
        WeightsFile file = candidates[0];
        if (file.Bytes is not { } bytes)
            return Fail(DiagnosticIds.WeightsFileNotFound, weights, "the file could not be read: " + file.ReadError);

        long values = (long)spec.ParameterCount + spec.BufferCount;
        if (values > Limits.MaxEmbeddedValues)
            return Fail(DiagnosticIds.TooLarge, "Weights", Invariant(values) + " compiled-in values", Invariant(Limits.MaxEmbeddedValues) + " compiled-in values");

        SafeTensorsFileHeader header;
        try
        {
            header = SafeTensorsFileHeader.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            return Fail(DiagnosticIds.WeightsFileInvalid, weights, e.Message);
        }

        var diagnostics = new List<SpecDiagnostic>();
        var expected = ExpectedTensors(spec).ToList();
        var inFile = header.Entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        var matched = new List<(ExpectedTensor Tensor, HeaderEntry Entry)>();
        foreach (ExpectedTensor tensor in expected)
        {
            string wanted = tensor.IsCounter ? "an integer type (PyTorch writes I64)" : SafeTensorsDtype.LoadableList;
            if (!inFile.TryGetValue(tensor.Name, out HeaderEntry? entry))
                diagnostics.Add(Diagnostic(DiagnosticIds.WeightsTensorMissingOrExtra, weights, tensor.Name, $"is missing: the network expects {wanted} {tensor.ShapeText}"));
            else if (!(tensor.IsCounter ? SafeTensorsDtype.IsInteger(entry.Dtype) : SafeTensorsDtype.IsLoadable(entry.Dtype))
                     || !entry.Shape.SequenceEqual(tensor.Shape.Select(dimension => (ulong)dimension)))
                diagnostics.Add(Diagnostic(DiagnosticIds.WeightsTensorMismatch, weights, tensor.Name, entry.Dtype + " " + entry.ShapeText, wanted + " " + tensor.ShapeText));
            else
                matched.Add((tensor, entry));
        }
        var names = new HashSet<string>(expected.Select(tensor => tensor.Name), StringComparer.Ordinal);
        foreach (HeaderEntry entry in header.Entries.Where(entry => !names.Contains(entry.Name)).OrderBy(entry => entry.Name, StringComparer.Ordinal))
            diagnostics.Add(Diagnostic(DiagnosticIds.WeightsTensorMissingOrExtra, weights, entry.Name, $"({entry.Dtype} {entry.ShapeText}) is not a tensor of this network"));
        if (diagnostics.Count > 0) return new WeightsBinding(null, new EquatableArray<SpecDiagnostic>(diagnostics.ToArray()));

        var embedded = new List<EmbeddedTensor>();
        try
        {
            foreach ((ExpectedTensor tensor, HeaderEntry entry) in matched)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = header.DataStart + (int)entry.Begin, count = tensor.Count;
                string description = entry.Dtype + " " + entry.ShapeText;
                // A counter is checked even when only checking: a negative count is the file's fault, found at build time.
                if (tensor.IsCounter)
                    embedded.Add(new EmbeddedTensor(tensor.Name, description, tensor.Block, tensor.Offset, 1, "",
                        TensorValues.ToCount(entry.Dtype, bytes, start, SafeTensorsDtype.Bits(entry.Dtype)!.Value / 8, tensor.Name)));
                else if (embed || entry.Dtype == "F64")
                {
                    byte[] floats = TensorValues.ToFloat32(entry.Dtype, bytes, start, count, tensor.Name);
                    embedded.Add(new EmbeddedTensor(tensor.Name, description, tensor.Block, tensor.Offset, count, embed ? Convert.ToBase64String(floats) : "", 0));
                }
            }
        }
        catch (InvalidDataException e)
        {
            return Fail(DiagnosticIds.WeightsFileInvalid, weights, e.Message);
        }
        return new WeightsBinding(embed ? new EmbeddedWeights(weights, new EquatableArray<EmbeddedTensor>(embedded.ToArray())) : null, EquatableArray<SpecDiagnostic>.Empty);
    }

    /// <summary>A tensor the network holds, named and laid out as PyTorch's <c>state_dict()</c> (and SafeTensors) has it.</summary>
    private sealed record ExpectedTensor(string Name, int[] Shape, TensorBlock Block, int Offset)
    {
        public bool IsCounter => Block == TensorBlock.Counters;

        public int Count => Shape.Aggregate(1, (product, dimension) => product * dimension);

        public string ShapeText => "[" + string.Join(", ", Shape) + "]";
    }

    private static IEnumerable<ExpectedTensor> ExpectedTensors(NetworkSpec spec)
        => from layer in spec.Layers
           where layer.Kind != LayerKind.Input
           from tensor in StateDictLayout.Of(layer.Descriptor, layer.Dimensions, layer.ParameterOffset, layer.BufferOffset, layer.CounterOffset, allCounters: false)
           select new ExpectedTensor(layer.TensorName + "." + tensor.Suffix, tensor.Shape, tensor.Block, tensor.Offset);

    private static WeightsBinding Fail(string id, params string[] arguments)
        => new(null, new EquatableArray<SpecDiagnostic>([Diagnostic(id, arguments)]));

    private static SpecDiagnostic Diagnostic(string id, params string[] arguments) => new(id, new EquatableArray<string>(arguments), null);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
