using System;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// FANN 2.2 (the C library; <c>apt-get install libfann-dev</c>, or just its runtime <c>libfann2</c>), loaded
/// lazily with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>: the float build, <c>libfloatfann.so.2</c>
/// (what <c>libfann.so</c> is too). Without it <see cref="IsAvailable"/> is false and the FANN benchmarks are
/// left out with a message; nothing else depends on it. Calls go through unmanaged function pointers
/// (no marshalling: pointers and scalars only) with the GC transition suppressed, so the figures are FANN's own.
/// </summary>
public static unsafe class FannLibrary
{
    /// <summary>FANN_SIGMOID_SYMMETRIC: 2/(1 + e^(−2·s·x)) − 1 = tanh(s·x) for steepness s.</summary>
    public const int SigmoidSymmetric = 5;

    /// <summary>FANN_LINEAR: s·x.</summary>
    public const int Linear = 0;

    /// <summary>FANN_TRAIN_INCREMENTAL: update after every pattern (what fann_train does).</summary>
    public const int TrainIncremental = 0;

    /// <summary>FANN_ERRORFUNC_LINEAR: error = t − y (the default, FANN_ERRORFUNC_TANH, stretches it).</summary>
    public const int ErrorLinear = 0;

    private static readonly string[] s_names = ["libfloatfann.so.2", "libfann.so.2", "libfloatfann.so", "libfann.so", "floatfann", "fann"];
    private static readonly IntPtr s_handle = Load(out s_loadedName);
    private static readonly string? s_loadedName;

    /// <summary>Whether the library loaded.</summary>
    public static bool IsAvailable => s_handle != IntPtr.Zero;

    /// <summary>What loaded, or why nothing did.</summary>
    public static string Description => IsAvailable
        ? $"FANN loaded from {s_loadedName}"
        : "FANN not found (tried " + string.Join(", ", s_names) + "): install it with `apt-get install libfann-dev`; the FANN benchmarks are skipped";

#pragma warning disable CS1591 // the C functions, named as in fann.h
    public static readonly delegate* unmanaged<uint, uint*, IntPtr> CreateStandardArray = (delegate* unmanaged<uint, uint*, IntPtr>)Export("fann_create_standard_array");
    public static readonly delegate* unmanaged<IntPtr, void> Destroy = (delegate* unmanaged<IntPtr, void>)Export("fann_destroy");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*> Run = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*>)Export("fann_run");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, void> Train = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float*, float*, void>)Export("fann_train");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float> GetMse = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float>)Export("fann_get_MSE");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, void> ResetMse = (delegate* unmanaged[SuppressGCTransition]<IntPtr, void>)Export("fann_reset_MSE");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void> SetActivationFunctionHidden = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void>)Export("fann_set_activation_function_hidden");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void> SetActivationFunctionOutput = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void>)Export("fann_set_activation_function_output");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void> SetActivationSteepnessHidden = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void>)Export("fann_set_activation_steepness_hidden");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void> SetActivationSteepnessOutput = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void>)Export("fann_set_activation_steepness_output");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void> SetTrainingAlgorithm = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void>)Export("fann_set_training_algorithm");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void> SetTrainErrorFunction = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, void>)Export("fann_set_train_error_function");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void> SetLearningRate = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void>)Export("fann_set_learning_rate");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void> SetLearningMomentum = (delegate* unmanaged[SuppressGCTransition]<IntPtr, float, void>)Export("fann_set_learning_momentum");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, uint> GetTotalConnections = (delegate* unmanaged[SuppressGCTransition]<IntPtr, uint>)Export("fann_get_total_connections");
    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, Connection*, void> GetConnectionArray = (delegate* unmanaged[SuppressGCTransition]<IntPtr, Connection*, void>)Export("fann_get_connection_array");
    public static readonly delegate* unmanaged<IntPtr, Connection*, uint, void> SetWeightArray = (delegate* unmanaged<IntPtr, Connection*, uint, void>)Export("fann_set_weight_array");
#pragma warning restore CS1591

    /// <summary>struct fann_connection: a weight and the global numbers of the neurons it joins.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Connection
    {
        /// <summary>Source neuron (global number, bias neurons included).</summary>
        public uint FromNeuron;
        /// <summary>Destination neuron.</summary>
        public uint ToNeuron;
        /// <summary>The weight.</summary>
        public float Weight;
    }

    private static IntPtr Load(out string? loadedName)
    {
        foreach (string name in s_names)
        {
            if (NativeLibrary.TryLoad(name, typeof(FannLibrary).Assembly, null, out IntPtr handle))
            {
                loadedName = name;
                return handle;
            }
        }
        loadedName = null;
        return IntPtr.Zero;
    }

    private static IntPtr Export(string name) => IsAvailable ? NativeLibrary.GetExport(s_handle, name) : IntPtr.Zero;

    /// <summary>Throws with <see cref="Description"/> unless the library loaded.</summary>
    public static void EnsureAvailable()
    {
        if (!IsAvailable) throw new InvalidOperationException(Description + ".");
    }
}

/// <summary>
/// A FANN fully connected network with NetGen's math: hidden FANN_SIGMOID_SYMMETRIC with steepness 1
/// (= tanh; FANN's default steepness is 0.5), output FANN_LINEAR steepness 1, incremental training with
/// the linear error function, momentum 0. FANN's weights live per neuron, each neuron's incoming
/// connections in order with the bias neuron (value 1) of the layer below last; <see cref="LoadParameters"/>
/// and <see cref="CopyParametersTo"/> translate from and to NetGen's layout (per layer W [out, in], then b)
/// through fann_get_connection_array / fann_set_weight_array.
/// A FANN step moves W by η·(t − y)·xᵀ (the gradient of ½Σ(y − t)²); NetGen's MSE is the mean, gradient
/// 2(y − t)/n, so FANN gets η = lr·2/n for the same update. Two FANN details differ from NetGen and
/// are checked not to matter here: FANN clips a tanh unit's output to ±0.98 before taking 1 − y² in
/// backpropagation, and computes its own tanh as 2/(1 + e^(−2x)) − 1.
/// </summary>
public sealed unsafe class FannMlp : IDisposable
{
    private readonly int[] _sizes;
    private readonly IntPtr _ann;
    private readonly FannLibrary.Connection[] _connections;
    private readonly int[] _parameterIndex; // per FANN connection: where its weight lives in NetGen's layout
    private readonly float _learningRate;
    private bool _disposed;

    /// <summary>A network with layer widths <paramref name="sizes"/> (input first), trained with NetGen's MSE learning rate <paramref name="learningRate"/>.</summary>
    public FannMlp(int[] sizes, float learningRate)
    {
        FannLibrary.EnsureAvailable();
        _sizes = (int[])sizes.Clone();
        uint* layers = stackalloc uint[sizes.Length];
        for (int l = 0; l < sizes.Length; l++) layers[l] = (uint)sizes[l];
        _ann = FannLibrary.CreateStandardArray((uint)sizes.Length, layers);
        if (_ann == IntPtr.Zero) throw new InvalidOperationException("fann_create_standard_array failed.");
        FannLibrary.SetActivationFunctionHidden(_ann, FannLibrary.SigmoidSymmetric);
        FannLibrary.SetActivationFunctionOutput(_ann, FannLibrary.Linear);
        FannLibrary.SetActivationSteepnessHidden(_ann, 1f);
        FannLibrary.SetActivationSteepnessOutput(_ann, 1f);
        FannLibrary.SetTrainingAlgorithm(_ann, FannLibrary.TrainIncremental);
        FannLibrary.SetTrainErrorFunction(_ann, FannLibrary.ErrorLinear);
        FannLibrary.SetLearningMomentum(_ann, 0f);
        _learningRate = learningRate * 2f / sizes[^1];
        FannLibrary.SetLearningRate(_ann, _learningRate);

        int count = (int)FannLibrary.GetTotalConnections(_ann);
        _connections = new FannLibrary.Connection[count];
        fixed (FannLibrary.Connection* connections = _connections) FannLibrary.GetConnectionArray(_ann, connections);
        _parameterIndex = MapConnections(sizes, _connections);
    }

    /// <summary>FANN's learning rate η for the same update as NetGen's learning rate.</summary>
    public float FannLearningRate => _learningRate;

    // Global neuron numbers: layer l holds sizes[l] neurons then its bias neuron.
    private static int[] MapConnections(int[] sizes, FannLibrary.Connection[] connections)
    {
        int layers = sizes.Length;
        var first = new int[layers + 1]; // first global neuron number of each layer
        for (int l = 0; l < layers; l++) first[l + 1] = first[l] + sizes[l] + 1;
        var offset = new int[layers]; // where layer l's W starts in NetGen's layout
        for (int l = 1, at = 0; l < layers; l++)
        {
            offset[l] = at;
            at += sizes[l] * (sizes[l - 1] + 1);
        }
        var index = new int[connections.Length];
        var seen = new bool[offset[^1] + sizes[^1] * (sizes[^2] + 1)];
        for (int k = 0; k < connections.Length; k++)
        {
            int to = (int)connections[k].ToNeuron, from = (int)connections[k].FromNeuron;
            int l = Array.FindLastIndex(first, start => start <= to);
            if (l < 1 || l >= layers) throw new InvalidOperationException($"Unexpected FANN connection {from} -> {to}.");
            int o = to - first[l], i = from - first[l - 1], inputs = sizes[l - 1];
            if (o >= sizes[l] || i < 0 || i > inputs) throw new InvalidOperationException($"Unexpected FANN connection {from} -> {to}.");
            index[k] = i == inputs ? offset[l] + sizes[l] * inputs + o : offset[l] + o * inputs + i;
            seen[index[k]] = true;
        }
        if (Array.IndexOf(seen, false) >= 0) throw new InvalidOperationException("FANN's connections do not cover every NetGen parameter.");
        return index;
    }

    /// <summary>Sets FANN's weights from parameters in NetGen's layout (slow: FANN looks each connection up).</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        for (int k = 0; k < _connections.Length; k++) _connections[k].Weight = parameters[_parameterIndex[k]];
        fixed (FannLibrary.Connection* connections = _connections) FannLibrary.SetWeightArray(_ann, connections, (uint)_connections.Length);
    }

    /// <summary>Writes FANN's weights in NetGen's layout.</summary>
    public void CopyParametersTo(Span<float> destination)
    {
        fixed (FannLibrary.Connection* connections = _connections) FannLibrary.GetConnectionArray(_ann, connections);
        for (int k = 0; k < _connections.Length; k++) destination[_parameterIndex[k]] = _connections[k].Weight;
    }

    /// <summary>fann_run: one sample forward.</summary>
    public void Forward(float[] input, float[] output)
    {
        fixed (float* x = input)
        {
            float* y = FannLibrary.Run(_ann, x);
            new ReadOnlySpan<float>(y, _sizes[^1]).CopyTo(output);
        }
    }

    /// <summary>fann_train: one online step (run, error, backpropagation, update).</summary>
    public void TrainStep(float[] input, float[] target)
    {
        fixed (float* x = input, t = target) FannLibrary.Train(_ann, x, t);
    }

    /// <summary>fann_reset_MSE, fann_train, fann_get_MSE: one step and its loss (mean over outputs of (y − t)², as NetGen's).</summary>
    public float TrainStepWithLoss(float[] input, float[] target)
    {
        FannLibrary.ResetMse(_ann);
        TrainStep(input, target);
        return FannLibrary.GetMse(_ann);
    }

    /// <summary>fann_destroy.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        FannLibrary.Destroy(_ann);
    }
}
