using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// ONNX Runtime as a .NET developer would otherwise ship it (NuGet Microsoft.ML.OnnxRuntime, default CPU execution
/// provider, all graph optimisations, one intra-op thread unless asked for more, one inter-op thread, sequential execution), on a network
/// exported by NetGen's own <see cref="OnnxExport"/> to a model file in a temporary folder (deleted by
/// <see cref="Dispose"/>). Two ways to call it:
/// <list type="bullet">
/// <item><see cref="RunBound"/>, its fastest call path: input and output are pinned float buffers wrapped once in
/// <see cref="OrtValue"/>s and bound once (<see cref="OrtIoBinding"/>), so a call is <c>RunWithBinding</c> alone; the
/// caller writes <see cref="Input"/> and reads <see cref="Output"/> in place.</item>
/// <item><see cref="RunNamed"/>, its convenient one: a <see cref="DenseTensor{T}"/> over the caller's array and a
/// <see cref="NamedOnnxValue"/> per call, <c>session.Run</c>, the result copied out and disposed (this allocates).</item>
/// </list>
/// </summary>
public sealed class OnnxRuntimeNetwork : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input, _output;
    private readonly float[] _inputBuffer, _outputBuffer;
    private readonly int[] _inputShape;
    private readonly string _inputName;

    /// <summary>A session over <paramref name="network"/>'s current parameters, its input of shape <paramref name="inputShape"/> (batch first), one intra-op thread.</summary>
    public OnnxRuntimeNetwork(INetwork network, params int[] inputShape) : this(network, inputShape, threads: 1) { }

    /// <summary>The same with <paramref name="threads"/> intra-op threads (ONNX Runtime's own pool splits each operator).</summary>
    public OnnxRuntimeNetwork(INetwork network, int[] inputShape, int threads)
    {
        _folder = Directory.CreateTempSubdirectory("netgen-bench-onnx-");
        try
        {
            ModelPath = Path.Combine(_folder.FullName, "model.onnx");
            OnnxExport.Save(network, ModelPath);
            using var options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(ModelPath, options);
        }
        catch
        {
            _folder.Delete(recursive: true);
            throw;
        }
        _inputName = _session.InputMetadata.Keys.Single();
        string outputName = _session.OutputMetadata.Keys.Single();
        _inputShape = inputShape;
        int inputCount = inputShape.Aggregate(1, (product, d) => product * d);
        int batch = inputShape[0];
        long[] outputShape = [.. _session.OutputMetadata[outputName].Dimensions.Select((d, i) => i == 0 ? batch : d < 0 ? 1L : d)];
        int outputCount = (int)outputShape.Aggregate(1L, (product, d) => product * d);
        if (outputCount != batch * network.OutputSize)
            throw new InvalidOperationException($"The exported model's output [{string.Join(", ", outputShape)}] does not hold {batch} × {network.OutputSize} values.");
        _inputBuffer = GC.AllocateArray<float>(inputCount, pinned: true);
        _outputBuffer = GC.AllocateArray<float>(outputCount, pinned: true);
        _input = OrtValue.CreateTensorValueFromMemory(_inputBuffer, [.. inputShape.Select(d => (long)d)]);
        _output = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(_inputName, _input);
        _binding.BindOutput(outputName, _output);
    }

    /// <summary>Where the exported model was written (a temporary folder of its own).</summary>
    public string ModelPath { get; }

    /// <summary>The bound input <see cref="RunBound"/> reads.</summary>
    public Span<float> Input => _inputBuffer;

    /// <summary>What the last <see cref="RunBound"/> wrote.</summary>
    public ReadOnlySpan<float> Output => _outputBuffer;

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/> through the binding.</summary>
    public void RunBound() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>Runs the model on <paramref name="input"/> the convenient way and copies the result into <paramref name="output"/>.</summary>
    public void RunNamed(float[] input, float[] output)
    {
        var tensor = new DenseTensor<float>(input, _inputShape);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
        Tensor<float> result = results[0].AsTensor<float>();
        if (result is DenseTensor<float> dense) dense.Buffer.Span.CopyTo(output);
        else for (int i = 0; i < output.Length; i++) output[i] = result.GetValue(i);
    }

    /// <summary>Frees the session and its native values, and deletes the model's folder.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _folder.Delete(recursive: true);
    }
}
