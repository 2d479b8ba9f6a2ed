using NetGen.Fuzz.Tests.Declarations;
using NetGen.Model;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>Declarations the fuzzer broke the generator with, kept as fixed cases through the same oracle.</summary>
public class FoundByFuzzingTests
{
    private static readonly NetworkDeclaration Small = new([
        new LayerDeclaration(LayerType.Input, "In", 3),
        new LayerDeclaration(LayerType.Dense, "Out", 2)]);

    private static NetworkDeclaration Lstm(float forgetBias, int? sequenceLength = null) => new([
        new LayerDeclaration(LayerType.Input, "In", 3),
        new LayerDeclaration(LayerType.Lstm, "Memory", 4) { ForgetBias = forgetBias, ReturnSequences = true },
        new LayerDeclaration(LayerType.Dense, "Out", 2)])
    {
        SequenceLength = sequenceLength,
    };

    /// <summary>A class, an enclosing type or a type parameter named with a keyword was written without its @.</summary>
    [Theory]
    [InlineData("@class", "Outer")]
    [InlineData("Net<@int>", "Outer")]
    [InlineData("Net", "@event")]
    public void KeywordNamesAreEscaped(string className, string outerName)
        => FuzzOracle.Check(Valid(Small with { ClassName = className, Outers = [new OuterType("class", outerName)] }));

    /// <summary>A NaN or infinite ForgetBias was written as NaNf or ∞f, which does not compile.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteForgetBiasCompiles(float forgetBias) => FuzzOracle.Check(Valid(Lstm(forgetBias)));

    /// <summary>SequenceLength × buffer width overflowed int in the generator and gave arrays of negative size.</summary>
    [Fact]
    public void HugeSequenceLengthIsTooLarge()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, int.MaxValue), Fault.BadSequenceLength, DiagnosticIds.TooLarge));

    [Fact]
    public void NegativeSequenceLengthIsReported()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, -1), Fault.BadSequenceLength, DiagnosticIds.NonPositiveSize));

    /// <summary>The widest buffer just within the bound: 2^28 / 16 steps of a 4-unit LSTM's 16 gate rows.</summary>
    [Fact]
    public void SequenceLengthAtTheBoundIsValid() => FuzzOracle.Check(Valid(Lstm(0f, (int)(Limits.MaxParameterCount / 16))));

    [Fact]
    public void SequenceLengthJustAboveTheBoundIsTooLarge()
        => FuzzOracle.Check(new FuzzCase(Lstm(0f, (int)(Limits.MaxParameterCount / 16) + 1), Fault.BadSequenceLength, DiagnosticIds.TooLarge));

    private static FuzzCase Valid(NetworkDeclaration declaration) => new(declaration, Fault.None, null);
}
