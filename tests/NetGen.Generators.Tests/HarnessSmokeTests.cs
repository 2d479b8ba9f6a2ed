using System;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

public class HarnessSmokeTests
{
    [Fact]
    public void GeneratedXorNetworkCompilesAndRuns()
    {
        var assembly = GeneratorHarness.CompileAndLoad("""
            using NetGen;
            [Network(Seed = 3)]
            public partial class Tiny
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """);
        var net = (INetwork)Activator.CreateInstance(assembly.GetType("Tiny")!)!;
        Assert.Equal(3, net.ParameterCount);
    }
}
