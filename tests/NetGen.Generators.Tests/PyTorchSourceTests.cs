using System.Reflection;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// How the PyTorch twin registers and reads each layer's module, so that its state_dict() keys are the tensor names
/// whatever they are (tests/NetGen.PyTorch.Tests runs twins in PyTorch; this covers the names it does not).
/// </summary>
public sealed class PyTorchSourceTests
{
    private const string Source = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError)]
        public partial class NamesNet
        {
            [Input(2)]                                   public partial InputLayer In { get; }
            [Dense(3)]                                   public partial DenseLayer Hidden { get; }
            [Dense(3, Name = "fc")]                      public partial DenseLayer Lower { get; }
            [Dense(3, Name = "class")]                   public partial DenseLayer Keyword { get; }
            [Dense(3, Name = "T_destination")]           public partial DenseLayer ModuleAttribute { get; }
            [Dense(3, Name = "features.0")]              public partial DenseLayer Dotted { get; }
            [Dense(3, Name = "say \"hi\"\\n")]           public partial DenseLayer Quoted { get; }
            [Dense(1, Name = "encoder.out")]             public partial DenseLayer Out { get; }
        }
        """;

    private static readonly string Twin = (string)CompiledNetwork().GetField("PyTorchSource")!.GetRawConstantValue()!;

    [Theory]
    [InlineData("self.Hidden = nn.Linear(2, 3)", "a1 = self.Hidden(a0)")]
    [InlineData("self.add_module(\"fc\", nn.Linear(3, 3))", "self.fc(a1)")]
    [InlineData("self.add_module(\"class\", nn.Linear(3, 3))", "self.get_submodule(\"class\")(a2)")]
    [InlineData("self.add_module(\"T_destination\", nn.Linear(3, 3))", "self.T_destination(a3)")]
    [InlineData("attach(self, \"features.0\", nn.Linear(3, 3))", "self.get_submodule(\"features.0\")(a4)")]
    [InlineData("self.add_module(\"say \\\"hi\\\"\\\\n\", nn.Linear(3, 3))", "self.get_submodule(\"say \\\"hi\\\"\\\\n\")(a5)")]
    [InlineData("attach(self, \"encoder.out\", nn.Linear(3, 1))", "self.get_submodule(\"encoder.out\")(a6)")]
    public void EachModuleIsRegisteredAndReadUnderItsTensorName(string registration, string use)
    {
        Assert.Contains("        " + registration + "\n", Twin);
        Assert.Contains(use, Twin);
    }

    [Fact]
    public void TheAttachHelperIsWrittenOnceForDottedNames()
    {
        int first = Twin.IndexOf("def attach(root, name, module):", System.StringComparison.Ordinal);
        Assert.True(first >= 0);
        Assert.Equal(-1, Twin.IndexOf("def attach(", first + 1, System.StringComparison.Ordinal));
    }

    /// <summary>The Dense layers without an activation are Linear, written as the bare expression; the default loss is MSE.</summary>
    [Fact]
    public void TheOutputKeepsItsPreActivationForTheLoss()
    {
        Assert.Contains("        z7 = self.get_submodule(\"encoder.out\")(a6)\n        a7 = z7\n", Twin);
        Assert.Contains("return a7 if target is None else loss_fn(z7, a7, target.reshape(a7.shape))", Twin);
        Assert.Contains("    return F.mse_loss(output, target)\n", Twin);
        Assert.EndsWith("\n", Twin);
    }

    /// <summary>A class named like one of the file's own names (or a Python keyword) must not shadow it: F.relu would break.</summary>
    [Theory]
    [InlineData("F", "class F_(nn.Module):")]
    [InlineData("None", "class None_(nn.Module):")]
    [InlineData("Digits", "class Digits(nn.Module):")]
    public void TheClassNameShadowsNothing(string name, string declaration)
    {
        string source = $$"""
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class {{name}}
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        string twin = (string)GeneratorHarness.CompileAndLoad(source).GetType(name)!.GetField("PyTorchSource")!.GetRawConstantValue()!;
        Assert.Contains("\n" + declaration + "\n", twin);
    }

    private static System.Type CompiledNetwork() => GeneratorHarness.CompileAndLoad(Source).GetType("NamesNet")!;
}
