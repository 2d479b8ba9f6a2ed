using System;
using System.IO;
using Xunit;

namespace NetGen.Tests;

/// <summary>The samples' console progress bar: redrawn in place on a terminal, plain lines when redirected.</summary>
public sealed class ProgressBarTests
{
    private static EpochReport Report(int epoch, double validationLoss = 0.25) =>
        new(epoch, epoch * 10L, 0.5, validationLoss, 0.875, float.NaN, 0, TimeSpan.FromSeconds(epoch));

    [Fact]
    public void RedirectedOutputGetsPlainLinesAtTheIntervalAndTheLastEpoch()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(totalEpochs: 10, writer, inPlace: false, interval: 4);
        for (int epoch = 1; epoch <= 6; epoch++) bar.Report(Report(epoch));
        bar.Finish(); // training stopped at epoch 6: its line is printed once
        string[] lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(
        [
            "[#########...............] epoch 4/10  loss 0.5000  val loss 0.2500  val acc 87.5 %  4.0 s",
            "[##############..........] epoch 6/10  loss 0.5000  val loss 0.2500  val acc 87.5 %  6.0 s",
        ], lines);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void TheLearningRateIsShownWhenTheOptimizerHasOne()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(totalEpochs: 1, writer, inPlace: false);
        bar.Report(Report(1) with { LearningRate = 2.5e-4f });
        bar.Finish();
        Assert.Equal("[########################] epoch 1/1  loss 0.5000  val loss 0.2500  val acc 87.5 %  lr 0.00025  1.0 s\n", writer.ToString());
    }

    [Fact]
    public void ATerminalLineIsRedrawnInPlaceAndPaddedOverALongerOne()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(totalEpochs: 2, writer, inPlace: true);
        bar.Report(Report(1));
        bar.Report(Report(2, validationLoss: double.NaN)); // no validation figures: a shorter line
        bar.Finish();
        string[] redraws = writer.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, redraws.Length);
        Assert.Equal(redraws[0].Length, redraws[1].TrimEnd('\n').Length);
        Assert.StartsWith("[########################] epoch 2/2  loss 0.5000  2.0 s", redraws[1]);
        Assert.EndsWith("\n", writer.ToString());
    }
}
