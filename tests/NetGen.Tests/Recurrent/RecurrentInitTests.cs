using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The initial parameters of recurrent layers: a pure function of the seed; W_hh orthogonal gate by gate by default;
/// W_ih from Init (Auto: Glorot, He for the ReLU family), per gate with fan-out = units; zero biases but an LSTM's
/// ForgetBias and a GRU's UpdateBias, which land in b_ih's forget- or update-gate block [H, 2H) and nowhere else; and
/// LayerInfo, the views and PyTorch's layout agreeing.
/// </summary>
public sealed class RecurrentInitTests
{
    private static IEnumerable<RecurrentLayer> RecurrentLayers(INetwork network) => network switch
    {
        RecurrentInitNet n => [n.Memory, n.Rnn],
        ForgetBiasInitNet n => [n.Memory, n.Rnn],
        ExplicitRecurrentInitNet n => [n.Memory, n.Rnn],
        SequenceLayoutNet n => [n.Rnn],
        LastStepNet n => [n.Memory],
        WideSequenceLstmNet n => [n.Memory],
        GruInitNet n => [n.Memory, n.Rnn],
        UpdateBiasInitNet n => [n.Memory, n.Rnn],
        ExplicitGruInitNet n => [n.Memory],
        SequenceGruNet n => [n.Memory],
        SequenceGruTaggerNet n => [n.Memory],
        WideSequenceGruNet n => [n.Memory],
        _ => throw new ArgumentOutOfRangeException(nameof(network)),
    };

    public static TheoryData<string> Networks() => new(nameof(RecurrentInitNet), nameof(ForgetBiasInitNet), nameof(ExplicitRecurrentInitNet), nameof(SequenceLayoutNet), nameof(LastStepNet), nameof(WideSequenceLstmNet),
        nameof(GruInitNet), nameof(UpdateBiasInitNet), nameof(ExplicitGruInitNet), nameof(SequenceGruNet), nameof(SequenceGruTaggerNet), nameof(WideSequenceGruNet));

    private static INetwork Create(string name, int? seed = null) => name switch
    {
        nameof(RecurrentInitNet) => seed is int s ? new RecurrentInitNet(s) : new RecurrentInitNet(),
        nameof(ForgetBiasInitNet) => seed is int s ? new ForgetBiasInitNet(s) : new ForgetBiasInitNet(),
        nameof(ExplicitRecurrentInitNet) => seed is int s ? new ExplicitRecurrentInitNet(s) : new ExplicitRecurrentInitNet(),
        nameof(SequenceLayoutNet) => seed is int s ? new SequenceLayoutNet(s) : new SequenceLayoutNet(),
        nameof(LastStepNet) => seed is int s ? new LastStepNet(s) : new LastStepNet(),
        nameof(WideSequenceLstmNet) => seed is int s ? new WideSequenceLstmNet(s) : new WideSequenceLstmNet(),
        nameof(GruInitNet) => seed is int s ? new GruInitNet(s) : new GruInitNet(),
        nameof(UpdateBiasInitNet) => seed is int s ? new UpdateBiasInitNet(s) : new UpdateBiasInitNet(),
        nameof(ExplicitGruInitNet) => seed is int s ? new ExplicitGruInitNet(s) : new ExplicitGruInitNet(),
        nameof(SequenceGruNet) => seed is int s ? new SequenceGruNet(s) : new SequenceGruNet(),
        nameof(SequenceGruTaggerNet) => seed is int s ? new SequenceGruTaggerNet(s) : new SequenceGruTaggerNet(),
        nameof(WideSequenceGruNet) => seed is int s ? new WideSequenceGruNet(s) : new WideSequenceGruNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Gate block <paramref name="gate"/> of a [rows, columns] matrix: rows gate·H … (gate + 1)·H − 1.</summary>
    private static Span<float> Gate(Span<float> matrix, RecurrentLayer layer, int gate, int columns)
        => matrix.Slice(gate * layer.Units * columns, layer.Units * columns);

    private static int Gates(RecurrentLayer layer) => layer.Rows / layer.Units;

    [Theory]
    [MemberData(nameof(Networks))]
    public void SameSeedGivesBitwiseIdenticalParameters(string name)
    {
        Assert.Equal(TestData.Bits(Create(name, 5).Parameters), TestData.Bits(Create(name, 5).Parameters));
        Assert.Equal(TestData.Bits(Create(name, -9).Parameters), TestData.Bits(Create(name, -9).Parameters));
        Assert.Equal(TestData.Bits(Create(name, SeedOf(name)).Parameters), TestData.Bits(Create(name).Parameters)); // [Network(Seed)]
    }

    private static int SeedOf(string name) => name switch
    {
        nameof(RecurrentInitNet) or nameof(ForgetBiasInitNet) => 41,
        nameof(ExplicitRecurrentInitNet) => 42,
        nameof(SequenceLayoutNet) => 34,
        nameof(LastStepNet) => 35,
        nameof(WideSequenceLstmNet) => 33,
        nameof(SequenceGruNet) => 43,
        nameof(SequenceGruTaggerNet) => 44,
        nameof(WideSequenceGruNet) => 45,
        nameof(GruInitNet) or nameof(UpdateBiasInitNet) => 47,
        nameof(ExplicitGruInitNet) => 48,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void DifferentSeedsAndDifferentGatesGiveDifferentWeights(string name)
    {
        foreach ((RecurrentLayer a, RecurrentLayer b) in RecurrentLayers(Create(name, 5)).Zip(RecurrentLayers(Create(name, 6))))
        {
            if (a.WeightIh.ContainsAnyExcept(0f)) Assert.NotEqual(TestData.Bits(a.WeightIh), TestData.Bits(b.WeightIh));
            if (a.WeightHh.ContainsAnyExcept(0f)) Assert.NotEqual(TestData.Bits(a.WeightHh), TestData.Bits(b.WeightHh));
            // Each gate block draws from its own stream: no two blocks (or W_ih and W_hh of a square layer) start equal.
            for (int gate = 1; gate < Gates(a); gate++)
            {
                if (a.WeightIh.ContainsAnyExcept(0f))
                    Assert.NotEqual(TestData.Bits(Gate(a.WeightIh, a, 0, a.Inputs)), TestData.Bits(Gate(a.WeightIh, a, gate, a.Inputs)));
                if (a.WeightHh.ContainsAnyExcept(0f))
                    Assert.NotEqual(TestData.Bits(Gate(a.WeightHh, a, 0, a.Units)), TestData.Bits(Gate(a.WeightHh, a, gate, a.Units)));
            }
        }
    }

    [Theory]
    [InlineData(nameof(RecurrentInitNet))]
    [InlineData(nameof(ForgetBiasInitNet))]
    [InlineData(nameof(SequenceLayoutNet))]
    [InlineData(nameof(LastStepNet))]
    [InlineData(nameof(WideSequenceLstmNet))]
    [InlineData(nameof(GruInitNet))]
    [InlineData(nameof(UpdateBiasInitNet))]
    [InlineData(nameof(SequenceGruNet))]
    [InlineData(nameof(SequenceGruTaggerNet))]
    [InlineData(nameof(WideSequenceGruNet))]
    public void RecurrentWeightsAreOrthogonalGateByGateByDefault(string name)
    {
        foreach (RecurrentLayer layer in RecurrentLayers(Create(name)))
            for (int gate = 0; gate < Gates(layer); gate++)
                WeightInitializerTests.AssertOrthonormal(Gate(layer.WeightHh, layer, gate, layer.Units), layer.Units, layer.Units); // W·Wᵀ ≈ I
    }

    [Fact]
    public void InputWeightsFollowInitPerGate()
    {
        // Auto: Glorot for the LSTM (fan-in 96, fan-out 64 per gate: 2/160, where He would give 2/96 and a fan-out
        // of 4·64 would give 2/352) and He for the ReLU Elman layer (2/64, where Glorot would give 2/128).
        var network = new RecurrentInitNet();
        AssertVariance(network.Memory.WeightIh, 2.0 / (96 + 64), "Memory.weight_ih");
        for (int gate = 0; gate < 4; gate++) AssertVariance(Gate(network.Memory.WeightIh, network.Memory, gate, 96), 2.0 / (96 + 64), $"Memory.weight_ih gate {gate}");
        AssertVariance(network.Rnn.WeightIh, 2.0 / 64, "Rnn.weight_ih");
    }

    [Fact]
    public void GruInputWeightsFollowInitPerGate()
    {
        // Auto: Glorot for the GRU (fan-in 96, fan-out 64 per gate: 2/160, where He would give 2/96 and a fan-out of
        // 3·64 would give 2/288) and for the tanh Elman layer after it (2/96, where He would give 2/64).
        var network = new GruInitNet();
        Assert.Equal(3 * 64, network.Memory.Rows);
        AssertVariance(network.Memory.WeightIh, 2.0 / (96 + 64), "Memory.weight_ih");
        for (int gate = 0; gate < 3; gate++) AssertVariance(Gate(network.Memory.WeightIh, network.Memory, gate, 96), 2.0 / (96 + 64), $"Memory.weight_ih gate {gate}");
        AssertVariance(network.Rnn.WeightIh, 2.0 / (64 + 32), "Rnn.weight_ih");
    }

    [Fact]
    public void InitAndRecurrentInitEachSetTheirOwnMatrix()
    {
        var network = new ExplicitRecurrentInitNet();
        // Memory: Init = Zeros (W_ih), RecurrentInit = Glorot (W_hh, per gate [32, 32]: limit √(6/64), variance 2/64).
        Assert.False(network.Memory.WeightIh.ContainsAnyExcept(0f));
        AssertVariance(network.Memory.WeightHh, 2.0 / 64, "Memory.weight_hh");
        Assert.True(Statistics.MaxAbs(network.Memory.WeightHh) <= Math.Sqrt(6.0 / 64));
        // Rnn: Init = Orthogonal (W_ih [32, 32]), RecurrentInit = Zeros (W_hh).
        WeightInitializerTests.AssertOrthonormal(network.Rnn.WeightIh, 32, 32);
        Assert.False(network.Rnn.WeightHh.ContainsAnyExcept(0f));

        // A GRU: Init = Zeros (W_ih), RecurrentInit = Glorot (W_hh, per gate [32, 32]: variance 2/64).
        var gru = new ExplicitGruInitNet();
        Assert.False(gru.Memory.WeightIh.ContainsAnyExcept(0f));
        AssertVariance(gru.Memory.WeightHh, 2.0 / 64, "gru Memory.weight_hh");
        for (int gate = 0; gate < 3; gate++) AssertVariance(Gate(gru.Memory.WeightHh, gru.Memory, gate, 32), 2.0 / 64, $"gru Memory.weight_hh gate {gate}");
        Assert.True(Statistics.MaxAbs(gru.Memory.WeightHh) <= Math.Sqrt(6.0 / 64));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BiasesStartAtZeroButTheMemoryGateOfAForgetOrUpdateBias(string name)
    {
        INetwork network = Create(name);
        foreach (RecurrentLayer layer in RecurrentLayers(network))
        {
            Assert.False(layer.BiasHh.ContainsAnyExcept(0f), $"{layer.Info.Name}.bias_hh");
            if (layer is not (LstmLayer or GruLayer))
            {
                Assert.False(layer.BiasIh.ContainsAnyExcept(0f), $"{layer.Info.Name}.bias_ih");
                continue;
            }
            // Block 1 of either: the LSTM's forget gate f (of i, f, g, o), the GRU's update gate z (of r, z, n).
            float memory = network switch
            {
                ForgetBiasInitNet forgetful when layer == forgetful.Memory => 1.5f,
                UpdateBiasInitNet updating when layer == updating.Memory => -0.75f,
                SequenceGruTaggerNet tagger when layer == tagger.Memory => 1f,
                _ => 0f,
            };
            int units = layer.Units;
            Assert.False(layer.BiasIh[..units].ContainsAnyExcept(0f), $"{layer.Info.Name}.bias_ih, input or reset gate");
            Assert.False(layer.BiasIh.Slice(units, units).ContainsAnyExcept(memory), $"{layer.Info.Name}.bias_ih, forget or update gate");
            Assert.False(layer.BiasIh[(2 * units)..].ContainsAnyExcept(0f), $"{layer.Info.Name}.bias_ih, the gates after it");
        }
    }

    [Fact]
    public void ForgetBiasLandsInTheForgetGateBlockOfBiasIhAndNowhereElse()
    {
        var plain = new RecurrentInitNet();
        var network = new ForgetBiasInitNet(); // the same definition and seed, with ForgetBias = 1.5 on Memory
        int units = network.Memory.Units;
        Assert.All(network.Memory.BiasIh.Slice(units, units).ToArray(), b => Assert.Equal(1.5f, b));
        Assert.False(network.Memory.BiasIh[..units].ContainsAnyExcept(0f));
        Assert.False(network.Memory.BiasIh[(2 * units)..].ContainsAnyExcept(0f));
        Assert.False(network.Memory.BiasHh.ContainsAnyExcept(0f)); // as PyTorch users set it: b_ih only, not b_ih + b_hh

        // Every other parameter equals the plain network's, bit for bit.
        float[] expected = plain.Parameters.ToArray();
        network.Memory.BiasIh.Slice(units, units).CopyTo(expected.AsSpan(network.Memory.Info.ParameterOffset + network.Memory.Info.WeightCount + units, units));
        Assert.Equal(TestData.Bits(expected), TestData.Bits(network.Parameters));
    }

    [Fact]
    public void UpdateBiasLandsInTheUpdateGateBlockOfBiasIhAndNowhereElse()
    {
        var plain = new GruInitNet();
        var network = new UpdateBiasInitNet(); // the same definition and seed, with UpdateBias = −0.75 on Memory
        int units = network.Memory.Units;
        Assert.Equal(3 * units, network.Memory.BiasIh.Length);
        Assert.All(network.Memory.BiasIh.Slice(units, units).ToArray(), b => Assert.Equal(-0.75f, b)); // z: rows [H, 2H)
        Assert.False(network.Memory.BiasIh[..units].ContainsAnyExcept(0f));                          // r
        Assert.False(network.Memory.BiasIh[(2 * units)..].ContainsAnyExcept(0f));                    // n
        Assert.False(network.Memory.BiasHh.ContainsAnyExcept(0f)); // b_ih only, not b_ih + b_hh

        // Every other parameter equals the plain network's, bit for bit.
        float[] expected = plain.Parameters.ToArray();
        Assert.NotEqual(TestData.Bits(expected), TestData.Bits(network.Parameters));
        network.Memory.BiasIh.Slice(units, units).CopyTo(expected.AsSpan(network.Memory.Info.ParameterOffset + network.Memory.Info.WeightCount + units, units));
        Assert.Equal(TestData.Bits(expected), TestData.Bits(network.Parameters));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void LayerInfoTheViewsAndTorchsLayoutAgree(string name)
    {
        INetwork network = Create(name);
        int offset = 0;
        foreach (LayerInfo info in network.Layers.Skip(1))
        {
            Assert.Equal(offset, info.ParameterOffset);
            Assert.Equal(info.WeightCount + info.BiasCount, info.ParameterCount);
            offset += info.ParameterCount;
        }
        Assert.Equal(network.ParameterCount, offset);

        foreach (RecurrentLayer layer in RecurrentLayers(network))
        {
            LayerInfo info = layer.Info;
            int gates = info.Kind switch { LayerKind.Lstm => 4, LayerKind.Gru => 3, _ => 1 }, h = layer.Units, x = layer.Inputs;
            Assert.Same(info, network.Layers.Single(l => l.Name == info.Name));
            Assert.Equal(layer switch { LstmLayer => LayerKind.Lstm, GruLayer => LayerKind.Gru, _ => LayerKind.Recurrent }, info.Kind);
            Assert.Equal((gates * h, info.OutputSize, info.InputSize), (layer.Rows, h, x));
            Assert.Equal(info.Rows, layer.Rows);
            Assert.Equal(gates * h * (x + h), info.WeightCount);          // weight_ih [rows, in] + weight_hh [rows, H]
            Assert.Equal(2 * gates * h, info.BiasCount);                  // bias_ih [rows] + bias_hh [rows]
            // The views tile the layer's slice in PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh.
            Assert.Equal((info.ParameterOffset, gates * h * x), OffsetAndLength(layer.WeightIh, network));
            Assert.Equal((info.ParameterOffset + gates * h * x, gates * h * h), OffsetAndLength(layer.WeightHh, network));
            Assert.Equal((info.ParameterOffset + info.WeightCount, gates * h), OffsetAndLength(layer.BiasIh, network));
            Assert.Equal((info.ParameterOffset + info.WeightCount + gates * h, gates * h), OffsetAndLength(layer.BiasHh, network));
            Assert.Equal(info.ParameterOffset + info.ParameterCount, OffsetAndLength(layer.BiasHh, network).Offset + gates * h);
        }
    }

    [Fact]
    public void SequenceLayoutNetHasTheDocumentedLayout()
    {
        var network = new SequenceLayoutNet();
        Assert.Equal(
            [
                new LayerInfo("In", LayerKind.Input, Activation.Linear, 0, 7, 0, 0),
                new LayerInfo("rnn", LayerKind.Recurrent, Activation.Tanh, 7, 5, 0, 70, ReturnSequences: true), // Name = "rnn"
                new LayerInfo("Out", LayerKind.Dense, Activation.Linear, 5, 3, 70, 18),
            ],
            network.Layers);
        Assert.Equal(88, SequenceLayoutNet.ParameterCount);
        Assert.Equal(7, SequenceLayoutNet.InputSize);
        Assert.Equal(3, SequenceLayoutNet.OutputSize);
        Assert.Equal(4 * 5 * (7 + 5 + 2) + 3 * 5 + 3, LastStepNet.ParameterCount);
    }

    [Fact]
    public void GruNetworksHaveTheDocumentedLayout()
    {
        // torch.nn.GRUCell(3, 6): 3·6·(3 + 6 + 2) = 198 parameters, then Linear(6, 3): 21.
        Assert.Equal(
            [
                new LayerInfo("In", LayerKind.Input, Activation.Linear, 0, 3, 0, 0),
                new LayerInfo("Memory", LayerKind.Gru, Activation.Tanh, 3, 6, 0, 198, ReturnSequences: true),
                new LayerInfo("Out", LayerKind.Dense, Activation.Softmax, 6, 3, 198, 21),
            ],
            new SequenceGruTaggerNet().Layers);
        Assert.Equal(3 * 6 * (3 + 6 + 2) + 2 * 6 + 2, SequenceGruNet.ParameterCount);
        LayerInfo gru = new WideSequenceGruNet().Layers[2]; // Name = "gru"
        Assert.Equal(("gru", LayerKind.Gru, 20, 17, 140, 51, 51 * (20 + 17), 2 * 51, false),
            (gru.Name, gru.Kind, gru.InputSize, gru.OutputSize, gru.ParameterOffset, gru.Rows, gru.WeightCount, gru.BiasCount, gru.ReturnSequences));
    }

    [Fact]
    public void WritesThroughTheViewsReachParameters()
    {
        // LastStepNet.Memory: W_ih [20, 7] at 0, W_hh [20, 5] at 140, b_ih [20] at 240, b_hh [20] at 260.
        var network = new LastStepNet();
        network.Memory.WeightIh[3 * 7 + 2] = 1.25f;
        network.Memory.WeightHh[19 * 5 + 4] = -0.5f;
        network.Memory.BiasIh[7] = 2f;
        network.Memory.BiasHh[0] = -3f;
        Assert.Equal(1.25f, network.Parameters[23]);
        Assert.Equal(-0.5f, network.Parameters[140 + 99]);
        Assert.Equal(2f, network.Parameters[247]);
        Assert.Equal(-3f, network.Parameters[260]);

        // SequenceGruNet.Memory: W_ih [18, 3] at 0, W_hh [18, 6] at 54, b_ih [18] at 162, b_hh [18] at 180.
        var gru = new SequenceGruNet();
        gru.Memory.WeightIh[17 * 3 + 2] = 1.25f;
        gru.Memory.WeightHh[6 * 6 + 1] = -0.5f;
        gru.Memory.BiasIh[7] = 2f;
        gru.Memory.BiasHh[17] = -3f;
        Assert.Equal(1.25f, gru.Parameters[53]);
        Assert.Equal(-0.5f, gru.Parameters[54 + 37]);
        Assert.Equal(2f, gru.Parameters[169]);
        Assert.Equal(-3f, gru.Parameters[197]);
        Assert.Equal((54, 108, 18, 18), (gru.Memory.WeightIh.Length, gru.Memory.WeightHh.Length, gru.Memory.BiasIh.Length, gru.Memory.BiasHh.Length));
    }

    private static (int Offset, int Length) OffsetAndLength(Span<float> view, INetwork network)
        => network.Parameters.Overlaps(view, out int offset) ? (offset, view.Length) : (-1, view.Length);

    private static void AssertVariance(ReadOnlySpan<float> weights, double expected, string what)
    {
        double tolerance = 8 * Statistics.UniformVarianceRelativeError(weights.Length);
        double ratio = Statistics.Variance(weights) / expected;
        Assert.True(Math.Abs(ratio - 1) <= tolerance, $"{what}: variance {Statistics.Variance(weights):G4} is {ratio:F3} x the expected {expected:G4}");
    }
}
