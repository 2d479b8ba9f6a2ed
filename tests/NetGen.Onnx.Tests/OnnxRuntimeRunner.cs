using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NetGen.Onnx.Tests;

/// <summary>Exports a network and runs the model in ONNX Runtime, next to NetGen's own Forward on the same inputs.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The exported model's bytes.</summary>
    public static byte[] Export(INetwork net)
    {
        using var stream = new MemoryStream();
        OnnxExport.Save(net, stream);
        return stream.ToArray();
    }

    /// <summary>ONNX Runtime's output for <paramref name="inputs"/> of shape <paramref name="shape"/>, flattened row-major.</summary>
    public static float[] Run(byte[] model, float[] inputs, params int[] shape)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(inputs, shape);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return results.Single(result => result.Name == "output").AsEnumerable<float>().ToArray();
    }

    /// <summary>NetGen's single-sample Forward on each of <paramref name="samples"/> rows of <paramref name="inputs"/>, concatenated.</summary>
    public static float[] Forward(INetwork net, float[] inputs, int samples, int outputsPerSample)
    {
        int inputsPerSample = inputs.Length / samples;
        var outputs = new float[samples * outputsPerSample];
        for (int sample = 0; sample < samples; sample++)
            net.Forward(inputs.AsSpan(sample * inputsPerSample, inputsPerSample), outputs.AsSpan(sample * outputsPerSample, outputsPerSample));
        return outputs;
    }

    /// <summary>Overwrites every parameter with a value uniform in [−<paramref name="scale"/>, <paramref name="scale"/>), so every bias and gate block matters.</summary>
    public static void Randomize(INetwork net, int seed, float scale = 0.6f) => Uniform(net.ParameterCount, seed, scale).CopyTo(net.Parameters);

    /// <summary><paramref name="count"/> values uniform in [−<paramref name="scale"/>, <paramref name="scale"/>).</summary>
    public static float[] Uniform(int count, int seed, float scale)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)((2 * random.NextDouble() - 1) * scale);
        return values;
    }

    /// <summary>The largest |a_i − b_i|; the lengths must agree.</summary>
    public static float MaxAbsError(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        if (expected.Count != actual.Count)
            throw new ArgumentException($"Expected {expected.Count} values, got {actual.Count}.", nameof(actual));
        float max = 0f;
        for (int i = 0; i < expected.Count; i++) max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        return max;
    }
}
