using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// ONNX Runtime (the NuGet package Microsoft.ML.OnnxRuntime, its default CPU execution provider, all graph
/// optimisations) running W7's network on one sample. The session binds a preallocated input and output once
/// (<see cref="OrtIoBinding"/>), so a call is <c>RunWithBinding</c> alone: ONNX Runtime's fastest way to run a model
/// repeatedly from C#.
/// </summary>
/// <remarks>The model is NetGen's own export (<see cref="OnnxExport"/>: Conv, MaxPool, Flatten, Gemm, Softmax).</remarks>
public sealed class OnnxRuntimeCnn : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input, _output;
    private readonly float[] _inputBuffer, _outputBuffer;

    /// <summary>A session over <paramref name="network"/>'s current parameters with <paramref name="threads"/> intra-op threads.</summary>
    public OnnxRuntimeCnn(FashionCnn network, int threads)
    {
        using var exported = new MemoryStream();
        OnnxExport.Save(network, exported);
        byte[] model = exported.ToArray();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        string inputName = _session.InputMetadata.Keys.Single(), outputName = _session.OutputMetadata.Keys.Single();
        long[] inputShape = [.. _session.InputMetadata[inputName].Dimensions.Select(d => d < 0 ? 1L : d)];
        long[] outputShape = [.. _session.OutputMetadata[outputName].Dimensions.Select(d => d < 0 ? 1L : d)];
        _inputBuffer = new float[FashionCnn.InputSize];
        _outputBuffer = new float[FashionCnn.OutputSize];
        _input = OrtValue.CreateTensorValueFromMemory(_inputBuffer, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inputName, _input);
        _binding.BindOutput(outputName, _output);
        Threads = threads;
    }

    /// <summary>Intra-op threads.</summary>
    public int Threads { get; }

    /// <summary>The sample the next <see cref="Run"/> reads.</summary>
    public Span<float> Input => _inputBuffer;

    /// <summary>What the last <see cref="Run"/> wrote: the 10 class probabilities.</summary>
    public ReadOnlySpan<float> Output => _outputBuffer;

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>Frees the session and its native values.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
