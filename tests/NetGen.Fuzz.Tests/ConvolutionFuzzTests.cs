using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using NetGen.Model;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// Random stacks of convolution and pooling layers (1D and 2D; kernels, strides, dilations, explicit, "same" and
/// causal padding; max, average and global pooling), checked against shapes computed here from PyTorch's formula
/// out = ⌊(in + pad_begin + pad_end − d·(k − 1) − 1) / s⌋ + 1: a stack whose shapes all fit must compile with the
/// parser's shapes equal to these, one that does not must get NG1023 — and through <see cref="FuzzOracle"/> neither
/// the generator nor the analyzer may throw, and the generated code must compile.
/// </summary>
public class ConvolutionFuzzTests
{
    private const int Cases = 60;

    /// <summary>One window layer as drawn: conv or pool, and its arguments.</summary>
    internal sealed record WindowLayer(bool Pool, bool Max, int Filters, int Kernel, int Stride, int Padding, int Dilation, int Mode);

    /// <summary>A stack: the input's rank and dimensions, the window layers, and whether a global average pool ends it.</summary>
    internal sealed record Stack(int Rank, int[] Input, WindowLayer[] Layers, bool Global);

    private static readonly Gen<WindowLayer> Layers = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 4], Gen.Int[1, 5], Gen.Int[1, 3], Gen.Int[0, 2], Gen.Int[1, 3], Gen.Int[0, 2],
        (kind, filters, kernel, stride, padding, dilation, mode) => kind == 0
            ? new WindowLayer(true, filters % 2 == 0, 0, Math.Min(kernel, 3), stride, Math.Min(padding, Math.Min(kernel, 3) / 2), 1, 0)
            : new WindowLayer(false, false, filters, kernel, mode == 0 ? stride : 1, mode == 0 ? padding : 0, dilation, mode));

    private static readonly Gen<Stack> Stacks = Gen.Select(Gen.Int[1, 2], Gen.Int[1, 3], Gen.Int[1, 20], Gen.Int[1, 20], Layers.Array[1, 4], Gen.Bool,
        (rank, channels, height, width, layers, global) => new Stack(rank, rank == 1 ? [channels, width] : [channels, height, width], layers, global));

    [Fact]
    public void RandomWindowStacksGetPyTorchsShapesOrNG1023()
    {
        int valid = 0;
        Stacks.Sample(stack =>
        {
            string source = Render(stack);
            int[][]? shapes = ExpectedShapes(stack);
            var expectation = new FuzzOracle.Expectation(source, shapes is not null, shapes is null ? DiagnosticIds.WindowDoesNotFit : null, ExpectsCompilerError: false);
            FuzzOracle.Check([source], expectation, stack.Layers.Length + 3);
            if (shapes is null) return;
            System.Threading.Interlocked.Increment(ref valid);
            NetworkSpec spec = ParsedNetwork.Parse(source, "Stack");
            for (int i = 0; i < shapes.Length; i++)
                Assert.True(shapes[i].SequenceEqual(spec.Layers[i].OutputShape.Dimensions), $"layer {i}: expected ({string.Join(", ", shapes[i])}), parsed {spec.Layers[i].OutputShape}\n{source}");
        }, iter: Cases, threads: Environment.ProcessorCount);
        Assert.InRange(valid, Cases / 5, Cases); // both outcomes are drawn often
    }

    /// <summary>Every layer's output dimensions (input first), or null when some window does not fit its padded input.</summary>
    internal static int[][]? ExpectedShapes(Stack stack)
    {
        var shapes = new List<int[]> { stack.Input };
        int[] current = stack.Input;
        foreach (WindowLayer layer in stack.Layers)
        {
            int span = layer.Dilation * (layer.Kernel - 1);
            (int before, int after) = layer.Mode switch { 1 => (span / 2, span - span / 2), 2 when stack.Rank == 1 => (span, 0), _ => (layer.Padding, layer.Padding) };
            int[] spatial = current.Skip(1).Select(length => (length + before + after - span - 1) / layer.Stride + 1).ToArray();
            if (current.Skip(1).Zip(spatial).Any(pair => pair.First + before + after - span - 1 < 0)) return null;
            current = [layer.Pool ? current[0] : layer.Filters, .. spatial];
            shapes.Add(current);
        }
        if (stack.Global) shapes.Add(current = [current[0]]);
        shapes.Add([2]);
        return [.. shapes];
    }

    private static string Render(Stack stack)
    {
        var lines = new List<string>
        {
            "using NetGen;",
            "[Network(Seed = 1)]",
            "public partial class Stack",
            "{",
            $"    [Input({string.Join(", ", stack.Input)})] public partial InputLayer In {{ get; }}",
        };
        string d = stack.Rank == 1 ? "1D" : "2D";
        for (int i = 0; i < stack.Layers.Length; i++)
        {
            WindowLayer layer = stack.Layers[i];
            var named = new List<string>();
            string attribute;
            if (layer.Pool)
            {
                if (layer.Stride != layer.Kernel) named.Add("Stride = " + Text(layer.Stride));
                if (layer.Padding != 0) named.Add("Padding = " + Text(layer.Padding));
                attribute = (layer.Max ? "MaxPool" : "AvgPool") + d + "(" + string.Join(", ", [Text(layer.Kernel), .. named]) + ")";
                lines.Add($"    [{attribute}] public partial PoolingLayer P{i} {{ get; }}");
                continue;
            }
            if (layer.Stride != 1) named.Add("Stride = " + Text(layer.Stride));
            if (layer.Padding != 0) named.Add("Padding = " + Text(layer.Padding));
            if (layer.Dilation != 1) named.Add("Dilation = " + Text(layer.Dilation));
            if (layer.Mode == 1) named.Add("Same = true");
            if (layer.Mode == 2 && stack.Rank == 1) named.Add("Causal = true");
            attribute = "Conv" + d + "(" + string.Join(", ", [Text(layer.Filters), Text(layer.Kernel), "Activation.Tanh", .. named]) + ")";
            lines.Add($"    [{attribute}] public partial ConvLayer C{i} {{ get; }}");
        }
        if (stack.Global) lines.Add("    [GlobalAvgPool] public partial PoolingLayer Global { get; }");
        lines.Add("    [Dense(2)] public partial DenseLayer Out { get; }");
        lines.Add("}");
        return string.Join("\n", lines);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
