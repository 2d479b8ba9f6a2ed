using System;
using System.IO;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// Which code path the kernels take in this process. .ci/run runs the numerical tests again under
/// DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 and sets NETGEN_EXPECT_ISA
/// (avx512, avx2, sse or scalar) beside each: this test fails when the switch did not take the runtime to that
/// path (a renamed or ignored switch would otherwise test the same path several times). Without the variable
/// (a plain <c>dotnet test</c>) it only reports what it sees. When NETGEN_ISA_REPORT names a file, the line it
/// reports is also appended there, for .ci/run to print.
/// </summary>
[Trait("Category", "Numerical")]
public sealed class InstructionSetTests
{
    public const string Variable = "NETGEN_EXPECT_ISA";
    public const string ReportVariable = "NETGEN_ISA_REPORT";

    private readonly ITestOutputHelper _output;

    public InstructionSetTests(ITestOutputHelper output) => _output = output;

    /// <summary>The widest path the kernels take: they test Avx512F, then Vector256 (AVX2 and FMA), then Vector128.</summary>
    public static string Active =>
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated ? "avx2"
        : Vector128.IsHardwareAccelerated ? "sse"
        : "scalar";

    public static string Describe() =>
        $"Avx512F {Avx512F.IsSupported}, Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}, Avx {Avx.IsSupported}, Sse41 {Sse41.IsSupported}; " +
        $"hardware-accelerated Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, " +
        $"Vector128 {Vector128.IsHardwareAccelerated}, Vector<float> {Vector.IsHardwareAccelerated} ({Vector<float>.Count} lanes)";

    [Fact]
    public void TheActiveInstructionSetIsTheOneThisRunExpects()
    {
        string? expected = Environment.GetEnvironmentVariable(Variable);
        string report = $"active path: {Active} ({Describe()}); {Variable}={expected ?? "(unset)"}";
        _output.WriteLine(report);
        string? reportFile = Environment.GetEnvironmentVariable(ReportVariable);
        if (!string.IsNullOrEmpty(reportFile)) File.AppendAllText(reportFile, report + Environment.NewLine);
        if (string.IsNullOrEmpty(expected)) return;   // a plain test run: nothing expected, nothing to check

        Assert.True(expected is "avx512" or "avx2" or "sse" or "scalar", $"{Variable}={expected}: expected avx512, avx2, sse or scalar.");
        Assert.True(expected == Active, $"{Variable}={expected}, but the runtime gives the {Active} path: {Describe()}.");
        // Each lower path also switches off everything above it, whatever the runtime's switches are called.
        switch (expected)
        {
            case "avx2":
                Assert.False(Avx512F.IsSupported || Vector512.IsHardwareAccelerated, Describe());
                break;
            case "sse":
                Assert.False(Avx2.IsSupported || Fma.IsSupported || Vector256.IsHardwareAccelerated, Describe());
                Assert.Equal(4, Vector<float>.Count);
                break;
            case "scalar":
                Assert.False(Sse.IsSupported || Vector128.IsHardwareAccelerated || Vector.IsHardwareAccelerated, Describe());
                break;
        }
    }
}
