using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// <c>Native/w3_plain.c</c>, compiled by the project into <c>libw3plain.so</c> (gcc -O3 -march=native,
/// <see cref="Strict"/>) and <c>libw3plain_fastmath.so</c> (the same plus -ffast-math, <see cref="FastMath"/>)
/// next to the benchmark assembly when gcc is present, each loaded lazily. Without them
/// <see cref="IsAvailable"/> is false and the plain-C benchmarks are left out with a message. Calls go
/// through unmanaged function pointers with the GC transition suppressed (a few ns saved), so the figure
/// is the C code's own.
/// </summary>
public sealed unsafe class PlainCLibrary
{
    /// <summary>gcc -O3 -march=native: float sums in source order (as C# keeps them), so the dot products stay scalar.</summary>
    public static PlainCLibrary Strict { get; } = new("libw3plain.so", "gcc -O3 -march=native");

    /// <summary>gcc -O3 -march=native -ffast-math: gcc may reorder the sums, and vectorises the dot products.</summary>
    public static PlainCLibrary FastMath { get; } = new("libw3plain_fastmath.so", "gcc -O3 -march=native -ffast-math");

    private readonly IntPtr _handle;
    private readonly string _fileName, _path = "";

    private PlainCLibrary(string fileName, string flags)
    {
        _fileName = fileName;
        Flags = flags;
        // Next to this assembly (BenchmarkDotNet's child processes run from a copy of the output folder,
        // which gets the library as a content file), then the process's base directory.
        foreach (string? directory in new[] { Path.GetDirectoryName(typeof(PlainCLibrary).Assembly.Location), AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(directory)) continue;
            string path = Path.Combine(directory, fileName);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out _handle))
            {
                _path = path;
                break;
            }
        }
        if (!IsAvailable) return;
        Create = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(_handle, "w3_create");
        Destroy = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(_handle, "w3_destroy");
        Parameters = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*>)NativeLibrary.GetExport(_handle, "w3_parameters");
        Gradients = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*>)NativeLibrary.GetExport(_handle, "w3_gradients");
        ParameterCount = (delegate* unmanaged[SuppressGCTransition]<int>)NativeLibrary.GetExport(_handle, "w3_parameter_count");
        Forward = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, void>)NativeLibrary.GetExport(_handle, "w3_forward");
        TrainStep = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, float, float>)NativeLibrary.GetExport(_handle, "w3_train_step");
    }

    /// <summary>The compiler flags.</summary>
    public string Flags { get; }

    /// <summary>Whether the library loaded.</summary>
    public bool IsAvailable => _handle != IntPtr.Zero;

    /// <summary>What loaded, or why nothing did.</summary>
    public string Description => IsAvailable
        ? $"plain C ({Flags}) loaded from {_path}"
        : $"{_fileName} not found next to the benchmarks (it is built only where gcc is installed): its plain-C benchmarks are skipped";

#pragma warning disable CS1591 // the C functions of w3_plain.c
    public readonly delegate* unmanaged<IntPtr> Create;
    public readonly delegate* unmanaged<IntPtr, void> Destroy;
    public readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*> Parameters;
    public readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*> Gradients;
    public readonly delegate* unmanaged[SuppressGCTransition]<int> ParameterCount;
    public readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, void> Forward;
    public readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, float, float> TrainStep;
#pragma warning restore CS1591

    /// <summary>Throws with <see cref="Description"/> unless the library loaded.</summary>
    public void EnsureAvailable()
    {
        if (!IsAvailable) throw new InvalidOperationException(Description + ".");
    }
}

/// <summary>The plain-C 32-64-64-8 network of <c>Native/w3_plain.c</c>; parameters and gradients in NetGen's layout.</summary>
public sealed unsafe class PlainCMlp : IDisposable
{
    private readonly PlainCLibrary _library;
    private readonly IntPtr _net;
    private bool _disposed;

    /// <summary>Creates the C network (zero parameters) from <paramref name="library"/>.</summary>
    public PlainCMlp(PlainCLibrary library)
    {
        library.EnsureAvailable();
        _library = library;
        _net = library.Create();
        if (_net == IntPtr.Zero) throw new InvalidOperationException("w3_create failed.");
        if (library.ParameterCount() != TanhMlp.ParameterCount) throw new InvalidOperationException("w3_plain.c and TanhMlp differ in size.");
    }

    /// <summary>Where it comes from.</summary>
    public PlainCLibrary Library => _library;

    /// <summary>The parameters, in C memory.</summary>
    public Span<float> Parameters => new(_library.Parameters(_net), TanhMlp.ParameterCount);

    /// <summary>The gradients of the last step, in C memory.</summary>
    public ReadOnlySpan<float> Gradients => new(_library.Gradients(_net), TanhMlp.ParameterCount);

    /// <summary>One sample forward.</summary>
    public void Forward(float[] input, float[] output)
    {
        fixed (float* x = input, y = output) _library.Forward(_net, x, y);
    }

    /// <summary>One online SGD step; returns the loss.</summary>
    public float TrainStep(float[] input, float[] target, float learningRate)
    {
        fixed (float* x = input, t = target) return _library.TrainStep(_net, x, t, learningRate);
    }

    /// <summary>Frees the C network.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _library.Destroy(_net);
    }
}
