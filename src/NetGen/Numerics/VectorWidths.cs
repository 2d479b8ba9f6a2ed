using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetGen.Activations;

namespace NetGen.Numerics;

/// <summary>
/// The arithmetic of one vector width that <see cref="VectorMath"/>'s tanh, σ and exp are written over once: each
/// member is the <c>Vector512</c>/<c>Vector256</c>/<c>Vector128</c> operation of the same name.
/// </summary>
internal interface IVectorLanes<TVector>
{
    static abstract TVector Create(float value);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    static abstract TVector Negate(TVector x);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Abs(TVector x);

    static abstract TVector Min(TVector a, TVector b);

    static abstract TVector Max(TVector a, TVector b);

    static abstract TVector Round(TVector x);

    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>Per lane, <paramref name="whenTrue"/> where a &gt; b, else <paramref name="whenFalse"/>.</summary>
    static abstract TVector SelectWhereGreater(TVector a, TVector b, TVector whenTrue, TVector whenFalse);

    /// <summary>2^n for integral n in the normal range, put straight into the exponent bits.</summary>
    static abstract TVector PowerOfTwo(TVector n);
}

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
internal readonly struct Width512 : IVectorWidth<Vector512<float>>, IVectorLanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Negate(Vector512<float> x) => -x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Round(Vector512<float> x) => Vector512.Round(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SelectWhereGreater(Vector512<float> a, Vector512<float> b, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> PowerOfTwo(Vector512<float> n) => Vector512.ShiftLeft(Vector512.ConvertToInt32Native(n) + Vector512.Create(127), 23).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sigmoid(Vector512<float> x) => VectorMath.Sigmoid<Width512, Vector512<float>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Tanh(Vector512<float> x) => VectorMath.Tanh<Width512, Vector512<float>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SigmoidDerivative(Vector512<float> y) => Activations.Sigmoid.Derivative(Vector512<float>.Zero, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> TanhDerivative(Vector512<float> y) => Activations.Tanh.Derivative(Vector512<float>.Zero, y);
}

/// <summary>8 lanes (AVX2).</summary>
internal readonly struct Width256 : IVectorWidth<Vector256<float>>, IVectorLanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Negate(Vector256<float> x) => -x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Round(Vector256<float> x) => Vector256.Round(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SelectWhereGreater(Vector256<float> a, Vector256<float> b, Vector256<float> whenTrue, Vector256<float> whenFalse) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> PowerOfTwo(Vector256<float> n) => Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n) + Vector256.Create(127), 23).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sigmoid(Vector256<float> x) => VectorMath.Sigmoid<Width256, Vector256<float>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Tanh(Vector256<float> x) => VectorMath.Tanh<Width256, Vector256<float>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SigmoidDerivative(Vector256<float> y) => Activations.Sigmoid.Derivative(Vector256<float>.Zero, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> TanhDerivative(Vector256<float> y) => Activations.Tanh.Derivative(Vector256<float>.Zero, y);
}

/// <summary>4 lanes (SSE, Arm64's AdvSimd).</summary>
internal readonly struct Width128 : IVectorWidth<Vector128<float>>, IVectorLanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Create(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Negate(Vector128<float> x) => -x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Round(Vector128<float> x) => Vector128.Round(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> SelectWhereGreater(Vector128<float> a, Vector128<float> b, Vector128<float> whenTrue, Vector128<float> whenFalse) => Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> PowerOfTwo(Vector128<float> n) => Vector128.ShiftLeft(Vector128.ConvertToInt32Native(n) + Vector128.Create(127), 23).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sigmoid(Vector128<float> x) => VectorMath.Sigmoid<Width128, Vector128<float>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Tanh(Vector128<float> x) => VectorMath.Tanh<Width128, Vector128<float>>(x);
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
