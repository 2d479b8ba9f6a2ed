using System.Collections.Generic;
using System.Text;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>A weight matrix times a vector, as locals named in the emitted block: W is [rows, columns] row-major.</summary>
    internal readonly record struct MatrixTerm(string Weights, string Vector, int Columns);

    /// <summary>
    /// destination = Σ biases + Σ W·x over <paramref name="rows"/> rows (one or two terms, as many biases).
    /// Small products are written out (the indices are literals) and leave φ to the caller; large ones call
    /// the fused SIMD kernel, which also writes <paramref name="activated"/> = φ(destination) when φ has a
    /// vector form (and copies destination there otherwise). Returns whether φ is done.
    /// </summary>
    internal static bool EmitMatrixVector(SourceWriter writer, string destination, string activated, Activation activation, int rows, IReadOnlyList<string> biases, IReadOnlyList<MatrixTerm> terms)
    {
        int weights = 0;
        foreach (MatrixTerm term in terms) weights += rows * term.Columns;
        if (Names.IsUnrolled(weights))
        {
            for (int o = 0; o < rows; o++)
            {
                var line = new StringBuilder(Invariant($"{destination}[{o}] = "));
                for (int b = 0; b < biases.Count; b++) line.Append(Invariant($"{(b == 0 ? "" : " + ")}{biases[b]}[{o}]"));
                foreach (MatrixTerm term in terms)
                    for (int i = 0; i < term.Columns; i++) line.Append(Invariant($" + {term.Weights}[{o * term.Columns + i}] * {term.Vector}[{i}]"));
                writer.WriteLine(line.Append(';').ToString());
            }
            return false;
        }
        bool fused = ActivationCatalog.Of(activation).HasVectorForm;
        string type = Names.ActivationType(fused ? activation : Activation.Linear);
        writer.WriteLine(terms.Count == 1
            ? $"{TypeNames.Numerics}.AffineKernels.DenseForward<{type}>({terms[0].Weights}, {biases[0]}, {terms[0].Vector}, {destination}, {activated});"
            : $"{TypeNames.Numerics}.AffineKernels.Forward<{type}>({terms[0].Weights}, {terms[0].Vector}, {terms[1].Weights}, {terms[1].Vector}, {biases[0]}, {biases[1]}, {destination}, {activated});");
        return fused;
    }

    /// <summary>gradient += δ·xᵀ for a [rows, columns] matrix (the weight gradient of y = W·x).</summary>
    internal static void EmitOuterProductAccumulate(SourceWriter writer, string gradient, string delta, string vector, int rows, int columns, int unrollUpTo = Limits.UnrollWeightThreshold)
    {
        if (rows * columns <= unrollUpTo)
        {
            for (int o = 0; o < rows; o++)
                for (int i = 0; i < columns; i++) writer.WriteLine(Invariant($"{gradient}[{o * columns + i}] += {delta}[{o}] * {vector}[{i}];"));
            return;
        }
        writer.WriteLine($"{TypeNames.Numerics}.Kernels.OuterProductAdd({gradient}, {delta}, {vector});");
    }

    /// <summary>destination += Wᵀ·δ for a [rows, columns] matrix (the input gradient of y = W·x).</summary>
    internal static void EmitTransposedAccumulate(SourceWriter writer, string destination, string weights, string delta, int rows, int columns)
    {
        if (Names.IsUnrolled(rows * columns))
        {
            for (int i = 0; i < columns; i++)
            {
                var line = new StringBuilder(Invariant($"{destination}[{i}] +="));
                for (int o = 0; o < rows; o++) line.Append(Invariant($"{(o == 0 ? " " : " + ")}{weights}[{o * columns + i}] * {delta}[{o}]"));
                writer.WriteLine(line.Append(';').ToString());
            }
            return;
        }
        writer.WriteLine($"{TypeNames.Numerics}.Kernels.TransposedMatrixVectorAdd({weights}, {delta}, {destination});");
    }

    /// <summary>One statement per element: written out for small layers, a constant-bound loop otherwise.</summary>
    internal static void EmitElementwise(SourceWriter writer, int count, bool unrolled, System.Func<string, string> statement)
    {
        if (unrolled)
            for (int i = 0; i < count; i++) writer.WriteLine(statement(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        else
        {
            string body = statement("i");
            bool several = body.IndexOf(';') < body.Length - 1;
            writer.WriteLine(Invariant($"for (int i = 0; i < {count}; i++) ") + (several ? "{ " + body + " }" : body));
        }
    }
}
