using System;
using System.Globalization;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>The Summary table of recurrent networks: every layer, its kind and parameter count, in aligned columns.</summary>
public sealed class SequenceSummaryTests
{
    [Fact]
    public void SummaryListsRecurrentLayersWithTheirKindsAndCounts()
    {
        string summary = SequenceLayoutNet.Summary;
        Assert.Contains("Recurrent", summary);
        Assert.Contains("Total params: 88", summary);
        Assert.Contains("(None, T, 5)", summary); // a layer that returns sequences has a step axis
        Assert.Contains(" 70", summary); // Rnn: 5·7 + 5·5 + 2·5
        Assert.Contains("Lstm", LastStepNet.Summary);
        Assert.Contains(LastStepNet.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), LastStepNet.Summary);
    }

    [Fact]
    public void SummaryListsGruLayersWithTheirKindAndCount()
    {
        // SequenceGruTaggerNet: Memory, torch.nn.GRUCell(3, 6): 3·6·(3 + 6 + 2) = 198, returning sequences.
        string row = Assert.Single(SequenceGruTaggerNet.Summary.Split('\n'), line => line.StartsWith("Memory (Gru)", StringComparison.Ordinal));
        Assert.Contains("(None, T, 6)", row);
        Assert.Contains(" 198", row);
        Assert.Contains("Total params: 219", SequenceGruTaggerNet.Summary);
        // WideSequenceGruNet's GRU (property Memory, tensors "gru") hands on its last step: 51·(20 + 17 + 2) = 1,989.
        string wide = Assert.Single(WideSequenceGruNet.Summary.Split('\n'), line => line.StartsWith("Memory (Gru)", StringComparison.Ordinal));
        Assert.Contains("(None, 17)", wide);
        Assert.Contains("1,989", wide);
        Assert.Contains(WideSequenceGruNet.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), WideSequenceGruNet.Summary);
    }

    [Theory]
    [InlineData(nameof(SequenceLayoutNet))]
    [InlineData(nameof(LastStepNet))]
    [InlineData(nameof(WideSequenceLstmNet))]
    [InlineData(nameof(SequenceGruTaggerNet))]
    [InlineData(nameof(WideSequenceGruNet))]
    public void SummaryColumnsLineUp(string name)
    {
        // Every row's parameter count ends where the header's "Param #" ends, as for dense layers: a long
        // "Name (Recurrent)" must not push the rest of its row to the right.
        string summary = name switch
        {
            nameof(SequenceLayoutNet) => SequenceLayoutNet.Summary,
            nameof(LastStepNet) => LastStepNet.Summary,
            nameof(SequenceGruTaggerNet) => SequenceGruTaggerNet.Summary,
            nameof(WideSequenceGruNet) => WideSequenceGruNet.Summary,
            _ => WideSequenceLstmNet.Summary,
        };
        string[] lines = summary.Split('\n');
        int end = lines[2].IndexOf("Param #", StringComparison.Ordinal) + "Param #".Length;
        foreach (string row in lines.Skip(4).TakeWhile(line => !line.StartsWith('=')))
            Assert.True(row.Length >= end && row[end - 1] != ' ' && (row.Length == end || row[end] == ' '), $"{name}: the parameter count is not under 'Param #' in\n{lines[2]}\n{row}");
    }
}
