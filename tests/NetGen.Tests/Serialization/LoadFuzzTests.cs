using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using CsCheck;
using NetGen.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Load on mutated files (see <see cref="FileMutation"/>): it either loads (a mutation can keep a file valid, e.g.
/// a flipped bit in the data) or throws InvalidDataException with the network unchanged; never another exception,
/// a hang or a large allocation. 500 cases by default; set NETGEN_FUZZ_CASES (e.g. 10000) for more.
/// </summary>
public sealed class LoadFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    private const long AllocationLimit = 4_000_000; // the largest header here is ~200 KB; a runaway allocation is far larger

    private static readonly (Func<INetwork> Create, byte[] File)[] Valid =
    [
        (() => new SequenceLstmNet(), Saved(new SequenceLstmNet(7))),
        (() => new SequenceGruTaggerNet(), Saved(new SequenceGruTaggerNet(7))),
        (() => new TinyNet(), SafeTensorsBytes.File(SafeTensorsBytes.TinyHeader, SafeTensorsBytes.TinyData)),
    ];

    private readonly ConcurrentDictionary<string, int> _reasons = new();
    private int _loaded, _rejected;

    private static byte[] Saved(INetwork network)
    {
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        return stream.ToArray();
    }

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_CASES"), out int cases) && cases > 0 ? cases : 500;

    [Fact]
    public void MutatedFilesLoadOrAreRejectedCleanly()
    {
        Gen<(int, FileMutation[], bool)> cases = Gen.Select(Gen.Int[0, Valid.Length - 1], FileMutation.Any.Array[1, 3], Gen.Bool);

        cases.Sample((file, mutations, forwardOnly) => Check(Valid[file], mutations, forwardOnly), iter: Cases);

        output.WriteLine($"{Cases} mutated files: {_loaded} loaded, {_rejected} rejected with InvalidDataException:");
        foreach ((string reason, int count) in _reasons.OrderByDescending(pair => pair.Value))
            output.WriteLine($"{count,6}  {reason}");
        Assert.Equal(Cases, _loaded + _rejected);
        Assert.True(_rejected > Cases / 2, $"Only {_rejected} of {Cases} mutations were rejected: the mutations hardly reach the checks.");
    }

    [Fact]
    public void UnmutatedFilesLoad()
    {
        foreach ((Func<INetwork> create, byte[] file) in Valid)
        {
            Check((create, file), [], forwardOnly: false);
            Check((create, file), [], forwardOnly: true);
        }
        Assert.Equal(2 * Valid.Length, _loaded);
    }

    // The message without names and figures, so that the summary counts kinds of fault.
    private static string Reason(string message) => Regex.Replace(Regex.Replace(message, "'[^']*'", "'…'"), @"[\d\[\], ]*\d[\d\[\], ]*", " # ");

    private void Check((Func<INetwork> Create, byte[] File) valid, FileMutation[] mutations, bool forwardOnly)
    {
        byte[] file = mutations.Aggregate(valid.File, (bytes, mutation) => mutation.Apply(bytes));
        INetwork network = valid.Create();
        int[] before = TestData.Bits(network.Parameters);
        Stream stream = forwardOnly ? new ForwardOnlyStream(file) : new MemoryStream(file, writable: false);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            SafeTensors.Load(network, stream);
            Interlocked.Increment(ref _loaded);
        }
        catch (InvalidDataException e)
        {
            _reasons.AddOrUpdate(Reason(e.Message), 1, (_, count) => count + 1);
            Assert.Equal(before, TestData.Bits(network.Parameters));
            Interlocked.Increment(ref _rejected);
        }
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeLimit);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, AllocationLimit);
    }
}
