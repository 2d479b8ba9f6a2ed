using System;
using System.Runtime.CompilerServices;
using NetGen.Numerics;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Parameters and gradients start on a 64-byte boundary, so 512-bit loads and stores never split a cache line.</summary>
public sealed class AlignedBlockTests
{
    private static unsafe long Address(Span<float> span) => (long)Unsafe.AsPointer(ref span.GetPinnableReference());

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(6792)]
    [InlineData(101_770)]
    public void EveryBlockStartsOnA64ByteBoundaryAndStartsZeroed(int length)
    {
        for (int attempt = 0; attempt < 20; attempt++) // different heap positions, different offsets
        {
            var block = new AlignedBlock(length);
            Assert.Equal(length, block.Span.Length);
            Assert.Equal(0, Address(block.Span) % 64);
            Assert.True(block.Span.IndexOfAnyExcept(0f) < 0);
            _ = new float[attempt + 1]; // shift the next allocation
        }
    }

    [Fact]
    public void TheBlockDoesNotMoveWhenTheHeapIsCompacted()
    {
        var block = new AlignedBlock(1000);
        long before = Address(block.Span);
        for (int i = 0; i < 1000; i++) _ = new byte[1000];
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(before, Address(block.Span));
    }

    [Fact]
    public void GeneratedNetworksKeepParametersAndGradientsAligned()
    {
        var network = new WideNet();
        Assert.Equal(0, Address(network.Parameters) % 64);
        Assert.Equal(0, Address(network.Gradients) % 64);
        Assert.Equal(0, Address(network.Clone().Parameters) % 64);
    }

    [Fact]
    public void ANegativeLengthIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBlock(-1));
        Assert.Equal("length", error.ParamName);
    }
}
