using System;
using System.Collections.Generic;
using System.Threading;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>
/// The thread-safety contract (INetwork: one instance per thread, Clone for workers): a parallel search never hands
/// the same network to two loss calls at once, and every network it hands out is the caller's or a clone of it.
/// </summary>
public sealed class GradientFreeThreadSafetyTests
{
    private sealed class UsageMonitor
    {
        private readonly HashSet<INetwork> _inUse = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<INetwork> _seen = new(ReferenceEqualityComparer.Instance);
        public int Overlaps, MostAtOnce;

        public NetworkLoss Wrap(NetworkLoss loss) => network =>
        {
            lock (_inUse)
            {
                if (!_inUse.Add(network)) Overlaps++;
                _seen.Add(network);
                MostAtOnce = Math.Max(MostAtOnce, _inUse.Count);
            }
            Thread.SpinWait(2_000); // widen the window in which a shared instance would be caught
            float value = loss(network);
            lock (_inUse) _inUse.Remove(network);
            return value;
        };

        public IReadOnlyCollection<INetwork> Seen => _seen;
    }

    [Fact]
    public void GeneticAlgorithmGivesEachConcurrentEvaluationItsOwnNetwork()
    {
        var monitor = new UsageMonitor();
        var network = new XorSigmoidNet();
        new GeneticAlgorithm(new GeneticAlgorithmOptions { PopulationSize = 40, MaxEvaluations = 400, MaxDegreeOfParallelism = 4 })
            .Run(network, monitor.Wrap(XorTask.Loss));
        AssertWorkersAreDistinct(monitor, network);
    }

    [Fact]
    public void RandomSearchGivesEachConcurrentEvaluationItsOwnNetwork()
    {
        var monitor = new UsageMonitor();
        var network = new XorSigmoidNet();
        new RandomSearch(new RandomSearchOptions { MaxEvaluations = 400, MaxDegreeOfParallelism = 4 }).Run(network, monitor.Wrap(XorTask.Loss));
        AssertWorkersAreDistinct(monitor, network);
    }

    private static void AssertWorkersAreDistinct(UsageMonitor monitor, XorSigmoidNet network)
    {
        Assert.Equal(0, monitor.Overlaps);
        Assert.InRange(monitor.Seen.Count, 1, 4); // one network per worker, made once, not one per candidate
        Assert.Contains(network, monitor.Seen);
        Assert.All(monitor.Seen, n => Assert.IsType<XorSigmoidNet>(n));
    }
}
