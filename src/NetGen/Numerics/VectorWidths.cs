using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetGen.Activations;

namespace NetGen.Numerics;

/// <summary>
/// The lane operations a kernel body needs, for one vector width: written once as a generic method over a width, a
/// kernel runs 512-, 256- and 128-bit lanes and its scalar tail through the same code (each width is a struct, so
/// the JIT compiles one specialised copy per width with every call inlined).
/// </summary>
internal interface IVectorWidth<TVector>
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(ref float source, nuint offset);

    static abstract void Store(TVector value, ref float destination, nuint offset);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Sigmoid(TVector x);

    static abstract TVector Tanh(TVector x);

    /// <summary>σ′ from σ's output y: y·(1 − y).</summary>
    static abstract TVector SigmoidDerivative(TVector y);

    /// <summary>tanh′ from tanh's output y: 1 − y².</summary>
    static abstract TVector TanhDerivative(TVector y);
}

/// <summary>16 lanes (AVX-512).</summary>
internal readonly struct Width512 : IVectorWidth<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sigmoid(Vector512<float> x) => VectorMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Tanh(Vector512<float> x) => VectorMath.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SigmoidDerivative(Vector512<float> y) => Activations.Sigmoid.Derivative(Vector512<float>.Zero, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> TanhDerivative(Vector512<float> y) => Activations.Tanh.Derivative(Vector512<float>.Zero, y);
}

/// <summary>8 lanes (AVX2).</summary>
internal readonly struct Width256 : IVectorWidth<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sigmoid(Vector256<float> x) => VectorMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Tanh(Vector256<float> x) => VectorMath.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SigmoidDerivative(Vector256<float> y) => Activations.Sigmoid.Derivative(Vector256<float>.Zero, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> TanhDerivative(Vector256<float> y) => Activations.Tanh.Derivative(Vector256<float>.Zero, y);
}

/// <summary>4 lanes (SSE, Arm64's AdvSimd).</summary>
internal readonly struct Width128 : IVectorWidth<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sigmoid(Vector128<float> x) => VectorMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Tanh(Vector128<float> x) => VectorMath.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> SigmoidDerivative(Vector128<float> y) => Activations.Sigmoid.Derivative(Vector128<float>.Zero, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> TanhDerivative(Vector128<float> y) => Activations.Tanh.Derivative(Vector128<float>.Zero, y);
}

/// <summary>One lane: the scalar tail, with the scalar activations.</summary>
internal readonly struct Width1 : IVectorWidth<float>
{
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float a, float b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float a, float b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float a, float b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float a, float b, float c) => System.MathF.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sigmoid(float x) => Activations.Sigmoid.Apply(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Tanh(float x) => Activations.Tanh.Apply(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float SigmoidDerivative(float y) => Activations.Sigmoid.Derivative(0f, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float TanhDerivative(float y) => Activations.Tanh.Derivative(0f, y);
}
