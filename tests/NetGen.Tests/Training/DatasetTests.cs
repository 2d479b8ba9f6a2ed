using System;
using System.Linq;
using NetGen;
using Xunit;

public class DatasetTests
{
    private static Dataset Numbered(int count) => new(
        Enumerable.Range(0, count * 2).Select(i => (float)i).ToArray(), 2,
        Enumerable.Range(0, count).Select(i => (float)i).ToArray(), 1);

    [Fact]
    public void RowsAreReadRowMajor()
    {
        var data = Numbered(3);
        Assert.Equal(3, data.Count);
        Assert.Equal(new[] { 4f, 5f }, data.Input(2).ToArray());
        Assert.Equal(2f, data.Target(2)[0]);
    }

    [Fact]
    public void SplitIsASeededPartition()
    {
        var data = Numbered(10);
        var (train, test) = data.Split(0.7, seed: 3);
        Assert.Equal(7, train.Count);
        Assert.Equal(3, test.Count);
        var all = Enumerable.Range(0, 7).Select(i => train.Target(i)[0])
            .Concat(Enumerable.Range(0, 3).Select(i => test.Target(i)[0])).OrderBy(v => v);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), all);
        var (again, _) = data.Split(0.7, seed: 3);
        Assert.Equal(train.Inputs.ToArray(), again.Inputs.ToArray());
        var (other, _) = data.Split(0.7, seed: 4);
        Assert.NotEqual(train.Inputs.ToArray(), other.Inputs.ToArray());
        // Each input row still belongs with its target.
        for (int i = 0; i < train.Count; i++) Assert.Equal(train.Target(i)[0] * 2, train.Input(i)[0]);
    }

    [Fact]
    public void ConstructionCopiesTheArrays()
    {
        float[] inputs = [1, 2], targets = [3];
        var data = new Dataset(inputs, 2, targets, 1);
        inputs[0] = 99;
        Assert.Equal(1f, data.Input(0)[0]);
    }

    [Fact]
    public void BadShapesAreRejectedWithTheExpectedCount()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[5], 2, new float[2], 1));
        Assert.Contains("multiple of 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Dataset(new float[4], 2, new float[3], 1));
        Assert.Contains("Expected 2 target rows", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(new float[4], 0, new float[2], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(3).Input(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(3).Split(1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(2).Split(0.1, 1));
    }
}
