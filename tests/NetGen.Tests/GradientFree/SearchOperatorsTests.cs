using System;
using System.Linq;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>
/// The genetic operators on cases checked by hand: each test replays the generator's draws the operator is documented
/// to make (a second generator with the same seed) and builds the expected result from them independently.
/// </summary>
public sealed class SearchOperatorsTests
{
    private static float[] Ramp(int count, float start) => Enumerable.Range(0, count).Select(i => start + i).ToArray();

    [Fact]
    public void FillUniformStaysInRangeAndCoversIt()
    {
        var genes = new float[10_000];
        SearchOperators.FillUniform(genes, 0.25f, new SeededRandom(3));
        Assert.All(genes, g => Assert.InRange(g, -0.25f, 0.25f));
        Assert.True(genes.Min() < -0.24f && genes.Max() > 0.24f, $"range covered: [{genes.Min()}, {genes.Max()}]");
        Assert.InRange(genes.Average(), -0.01, 0.01);
        var replay = new SeededRandom(3);
        Assert.Equal((float)replay.NextSymmetric(0.25), genes[0]);
    }

    [Fact]
    public void TournamentOfOneIsAUniformDraw()
    {
        float[] losses = [5, 1, 3, 2, 4];
        var random = new SeededRandom(8);
        var replay = new SeededRandom(8);
        for (int i = 0; i < 20; i++) Assert.Equal(replay.NextInt(5), SearchOperators.Tournament(losses, 1, random));
    }

    [Fact]
    public void TournamentReturnsTheLowestLossAmongTheDrawnIndices()
    {
        float[] losses = [5, 1, 3, 2, 4, 0.5f, 7];
        var random = new SeededRandom(4);
        var replay = new SeededRandom(4);
        for (int i = 0; i < 50; i++)
        {
            int[] drawn = [replay.NextInt(7), replay.NextInt(7), replay.NextInt(7)];
            int expected = drawn.OrderBy(d => losses[d]).First();
            Assert.Equal(expected, SearchOperators.Tournament(losses, 3, random));
        }
    }

    [Fact]
    public void TournamentTiesGoToTheFirstDrawn()
    {
        float[] losses = [1, 1, 1, 1];
        var random = new SeededRandom(5);
        var replay = new SeededRandom(5);
        int first = replay.NextInt(4);
        Assert.Equal(first, SearchOperators.Tournament(losses, 4, random));
    }

    [Fact]
    public void LargeTournamentsFavourLowLosses()
    {
        // Size 8 over 8 distinct losses: index 0 (the lowest) wins unless all 8 draws miss it, (7/8)^8 ≈ 34 %.
        float[] losses = Ramp(8, 0);
        var random = new SeededRandom(1);
        int wins = 0;
        for (int i = 0; i < 10_000; i++) wins += SearchOperators.Tournament(losses, 8, random) == 0 ? 1 : 0;
        Assert.InRange(wins / 10_000.0, 1 - Math.Pow(7.0 / 8, 8) - 0.02, 1 - Math.Pow(7.0 / 8, 8) + 0.02);
    }

    [Fact]
    public void UniformCrossoverTakesEachGeneFromTheParentItsBitNames()
    {
        const int Genes = 130; // three 64-bit words, the last one partly used
        float[] first = Ramp(Genes, 0), second = Ramp(Genes, 1000), child = new float[Genes];
        SearchOperators.UniformCrossover(first, second, child, new SeededRandom(9));

        var replay = new SeededRandom(9);
        ulong[] words = [replay.NextUInt64(), replay.NextUInt64(), replay.NextUInt64()];
        for (int i = 0; i < Genes; i++)
        {
            bool fromSecond = (words[i / 64] & (1UL << (i % 64))) != 0;
            Assert.Equal(fromSecond ? 1000f + i : i, child[i]);
        }
        int fromSecondCount = child.Count(g => g >= 1000);
        Assert.InRange(fromSecondCount, 40, 90); // about half from each parent
    }

    [Fact]
    public void OnePointCrossoverJoinsAPrefixOfTheFirstToTheRestOfTheSecond()
    {
        float[] first = Ramp(6, 0), second = Ramp(6, 100), child = new float[6];
        for (int seed = 0; seed < 20; seed++)
        {
            SearchOperators.OnePointCrossover(first, second, child, new SeededRandom(seed));
            int cut = 1 + new SeededRandom(seed).NextInt(5);
            Assert.InRange(cut, 1, 5); // both parents contribute
            for (int i = 0; i < 6; i++) Assert.Equal(i < cut ? i : 100f + i, child[i]);
        }
        float[] single = new float[1];
        SearchOperators.OnePointCrossover([7f], [8f], single, new SeededRandom(1));
        Assert.Equal(7f, single[0]);
    }

    [Fact]
    public void GaussianMutationAtRateOneMovesEveryGeneByScaledNormalDraws()
    {
        float[] genes = [1, 2, 3];
        SearchOperators.GaussianMutation(genes, 1f, 0.5f, new SeededRandom(2));
        var replay = new SeededRandom(2);
        for (int i = 0; i < 3; i++)
        {
            replay.NextDouble(); // the coin, always below 1
            Assert.Equal((float)(i + 1) + (float)(0.5 * replay.NextNormal()), genes[i]);
        }
    }

    [Fact]
    public void GaussianMutationAtRateZeroChangesNothingAndDrawsNothing()
    {
        float[] genes = [1, 2, 3];
        var random = new SeededRandom(2);
        SearchOperators.GaussianMutation(genes, 0f, 10f, random);
        Assert.Equal([1f, 2f, 3f], genes);
        Assert.Equal(new SeededRandom(2).NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void GaussianMutationChangesAboutTheRateOfGenes()
    {
        var genes = new float[10_000];
        SearchOperators.GaussianMutation(genes, 0.1f, 1f, new SeededRandom(6));
        Assert.InRange(genes.Count(g => g != 0f), 900, 1100);
    }

    [Fact]
    public void OperatorsRejectBadArguments()
    {
        var random = new SeededRandom(0);
        float[] three = new float[3], two = new float[2];
        Assert.Equal("range", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.FillUniform(three, 0f, random)).ParamName);
        Assert.Equal("range", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.FillUniform(three, float.PositiveInfinity, random)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.Tournament(three, 0, random)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.Tournament(three, 4, random)).ParamName);
        Assert.Equal("second", Assert.Throws<ArgumentException>(() => SearchOperators.UniformCrossover(three, two, three, random)).ParamName);
        Assert.Equal("child", Assert.Throws<ArgumentException>(() => SearchOperators.OnePointCrossover(three, three, two, random)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.GaussianMutation(three, 1.5f, 1f, random)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.GaussianMutation(three, float.NaN, 1f, random)).ParamName);
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => SearchOperators.GaussianMutation(three, 0.5f, -1f, random)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SearchOperators.Tournament(three, 1, null!));
    }

    [Fact]
    public void ReseedRestartsTheStreamAsANewGeneratorWould()
    {
        var random = new SeededRandom(1, 2);
        random.NextUInt64();
        random.Reseed(7, 42);
        var fresh = new SeededRandom(7, 42);
        for (int i = 0; i < 5; i++) Assert.Equal(fresh.NextUInt64(), random.NextUInt64());
    }
}
