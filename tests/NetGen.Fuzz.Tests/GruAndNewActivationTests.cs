using System;
using NetGen.Fuzz.Tests.Declarations;
using NetGen.Model;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// The GRU layer and the SELU and SiLU activations as fixed cases through the fuzz oracle, so that every run checks
/// their edges whatever the random run happens to draw: odd UpdateBias values, every Init, wrong property types,
/// sizes out of range and activation values past the last member.
/// </summary>
public class GruAndNewActivationTests
{
    private const int Selu = 9, Silu = 10;

    private static NetworkDeclaration GruNetwork(Func<LayerDeclaration, LayerDeclaration>? change = null, int inputs = 3) => new([
        new LayerDeclaration(LayerType.Input, "In", inputs),
        (change ?? (l => l))(new LayerDeclaration(LayerType.Gru, "Memory", 4) { ReturnSequences = true }),
        new LayerDeclaration(LayerType.Dense, "Out", 2)]);

    /// <summary>UpdateBias is written as the LSTM's ForgetBias is: non-finite and extreme values must compile.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(1e30f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(-2.5f)]
    public void OddUpdateBiasCompiles(float bias) => Check(Valid(GruNetwork(l => l with { MemoryBias = bias })));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    public void EveryInitAndRecurrentInitCompiles(int init, int recurrentInit)
        => Check(Valid(GruNetwork(l => l with { Init = init, RecurrentInit = recurrentInit, Name = "g\"ru\n" })));

    /// <summary>Wide GRUs (loops, vector bodies and tails) stacked with an LSTM and an Elman layer, the last GRU handing on its last step.</summary>
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void StackedWideGruCompiles(int units) => Check(Valid(new NetworkDeclaration([
        new LayerDeclaration(LayerType.Input, "In", 5),
        new LayerDeclaration(LayerType.Gru, "First", units) { ReturnSequences = true, MemoryBias = 1f },
        new LayerDeclaration(LayerType.Lstm, "Middle", 6) { ReturnSequences = true, MemoryBias = 1f },
        new LayerDeclaration(LayerType.Recurrent, "Elman", 5) { ReturnSequences = true, Activation = Silu },
        new LayerDeclaration(LayerType.Dense, "PerStep", units) { Activation = Selu },
        new LayerDeclaration(LayerType.Gru, "Last", units),
        new LayerDeclaration(LayerType.Dense, "Out", 2)])));

    /// <summary>SELU and SiLU on dense and Elman layers, and on the output layer.</summary>
    [Theory]
    [InlineData(Selu)]
    [InlineData(Silu)]
    public void NewActivationsCompileEverywhere(int activation) => Check(Valid(new NetworkDeclaration([
        new LayerDeclaration(LayerType.Input, "In", 3),
        new LayerDeclaration(LayerType.Recurrent, "Rnn", 20) { ReturnSequences = true, Activation = activation },
        new LayerDeclaration(LayerType.Dense, "Hidden", 20) { Activation = activation },
        new LayerDeclaration(LayerType.Dense, "Out", 2) { Activation = activation }])));

    /// <summary>[Gru] on a property of another type, RecurrentLayer (GruLayer's base) included, and [Lstm] on a GruLayer.</summary>
    [Theory]
    [InlineData(nameof(LayerType.Gru), "global::NetGen.LstmLayer")]
    [InlineData(nameof(LayerType.Gru), "global::NetGen.DenseLayer")]
    [InlineData(nameof(LayerType.Gru), "global::NetGen.RecurrentLayer")]
    [InlineData(nameof(LayerType.Gru), "int")]
    [InlineData(nameof(LayerType.Lstm), "global::NetGen.GruLayer")]
    [InlineData(nameof(LayerType.Recurrent), "global::NetGen.GruLayer")]
    public void WrongPropertyTypeIsReported(string type, string propertyType)
        => Check(new FuzzCase(GruNetwork(l => l with { Type = Enum.Parse<LayerType>(type), PropertyType = propertyType }), Fault.WrongPropertyType, DiagnosticIds.WrongPropertyType));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NonPositiveGruSizeIsReported(int units)
        => Check(new FuzzCase(GruNetwork(l => l with { Units = units }), Fault.NonPositiveSize, DiagnosticIds.NonPositiveSize));

    [Theory]
    [InlineData(Limits.MaxLayerSize + 1)]
    [InlineData(1 << 30)]
    [InlineData(int.MaxValue)]
    public void HugeGruSizeIsTooLarge(int units)
        => Check(new FuzzCase(GruNetwork(l => l with { Units = units }), Fault.TooWide, DiagnosticIds.TooLarge));

    /// <summary>3 · 100 · (10⁶ + 100) + 600 parameters, above the 2^28 bound though each size is within it.</summary>
    [Fact]
    public void GruWithTooManyParametersIsTooLarge()
        => Check(new FuzzCase(GruNetwork(l => l with { Units = 100 }, inputs: 1_000_000), Fault.TooManyParameters, DiagnosticIds.TooLarge));

    /// <summary>Values past the last activation (Silu = 10) and negative ones, on dense and Elman layers.</summary>
    [Theory]
    [InlineData(nameof(LayerType.Dense), 11)]
    [InlineData(nameof(LayerType.Dense), -1)]
    [InlineData(nameof(LayerType.Dense), int.MaxValue)]
    [InlineData(nameof(LayerType.Recurrent), 11)]
    [InlineData(nameof(LayerType.Recurrent), 99)]
    public void UndefinedActivationIsReported(string type, int activation)
        => Check(new FuzzCase(GruNetwork(l => l with { Type = Enum.Parse<LayerType>(type), Activation = activation }), Fault.UndefinedEnum, DiagnosticIds.UndefinedEnumValue));

    [Theory]
    [InlineData(6, 0)]
    [InlineData(0, -1)]
    [InlineData(0, 99)]
    public void UndefinedGruInitIsReported(int init, int recurrentInit)
        => Check(new FuzzCase(GruNetwork(l => l with { Init = init, RecurrentInit = recurrentInit }), Fault.UndefinedEnum, DiagnosticIds.UndefinedEnumValue));

    private static FuzzCase Valid(NetworkDeclaration declaration) => new(declaration, Fault.None, null);

    private static void Check(FuzzCase fuzzCase) => FuzzOracle.Check(fuzzCase);
}
