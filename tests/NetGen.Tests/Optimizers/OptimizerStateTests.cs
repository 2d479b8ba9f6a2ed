using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>ExportState and ImportState: what each optimizer keeps, exact continuation, and every rejected state leaving the optimizer unchanged.</summary>
public sealed class OptimizerStateTests
{
    private static readonly float[] Gradient1 = [0.1f, -0.4f, 0.25f, 3f];
    private static readonly float[] Gradient2 = [-0.3f, 0.2f, 0.25f, -1f];

    [Fact]
    public void EachOptimizerExportsItsState()
    {
        float[] p = [0.5f, -1.25f, 2f, 0f];
        var adam = new Adam(0.1f);
        adam.Step(p, Gradient1);
        OptimizerState state = adam.ExportState();
        Assert.Equal("Adam", state.Optimizer);
        Assert.Equal(1, state.StepCount);
        Assert.Equal(4, state.ParameterCount);
        Assert.Equal(["exp_avg", "exp_avg_sq"], state.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.1f * Gradient1[1], state.Tensors["exp_avg"][1], 6);
        Assert.Equal((double)0.9f, state.Scalars["beta1_power"]);
        Assert.Equal((double)0.999f, state.Scalars["beta2_power"]);

        var rprop = new Rprop();
        rprop.Step(p, Gradient1);
        OptimizerState rpropState = rprop.ExportState();
        Assert.Equal([0.1f, 0.1f, 0.1f, 0.1f], rpropState.Tensors["step_size"]);
        Assert.Equal([1f, -1f, 1f, 1f], rpropState.Tensors["prev_sign"]);
        Assert.Empty(rpropState.Scalars);

        var momentum = new Sgd(0.1f, 0.9f);
        momentum.Step(p, Gradient1);
        Assert.Equal(Gradient1, momentum.ExportState().Tensors["momentum_buffer"]);
        var plain = new Sgd(0.1f);
        plain.Step(p, Gradient1);
        Assert.Empty(plain.ExportState().Tensors);
        Assert.Equal(4, plain.ExportState().ParameterCount);

        OptimizerState fresh = new Adam().ExportState();
        Assert.Null(fresh.ParameterCount);
        Assert.Equal(0, fresh.StepCount);
        Assert.Empty(fresh.Tensors);
    }

    [Fact]
    public void TheExportIsACopy()
    {
        var sgd = new Sgd(0.1f, 0.9f);
        sgd.Step(new float[4], Gradient1);
        OptimizerState state = sgd.ExportState();
        state.Tensors["momentum_buffer"][0] = 42f;
        Assert.Equal(Gradient1[0], sgd.ExportState().Tensors["momentum_buffer"][0]);
    }

    public static TheoryData<string> Kinds => ["adam", "sgd", "momentum", "rprop"];

    private static Optimizer Create(string kind) => kind switch
    {
        "adam" => new Adam(0.1f),
        "sgd" => new Sgd(0.1f),
        "momentum" => new Sgd(0.1f, 0.9f),
        _ => new Rprop(),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnImportedStateContinuesBitForBit(string kind)
    {
        float[] p = [0.5f, -1.25f, 2f, 0f];
        Optimizer original = Create(kind);
        original.Step(p, Gradient1);
        original.Step(p, Gradient2);
        float[] q = (float[])p.Clone();

        Optimizer copy = Create(kind);
        copy.ImportState(original.ExportState());
        for (int i = 0; i < 5; i++)
        {
            original.Step(p, i % 2 == 0 ? Gradient1 : Gradient2);
            copy.Step(q, i % 2 == 0 ? Gradient1 : Gradient2);
        }
        Assert.Equal(TestData.Bits(p), TestData.Bits(q));
        Assert.Equal(7, copy.StepCount);
    }

    public static TheoryData<string, string> BadStates => new()
    {
        { "type", "The state is of optimizer type Sgd; this one is Adam." },
        { "negative steps", "The step count -1 is negative." },
        { "missing tensor", "The state lacks tensor 'exp_avg_sq', which Adam keeps." },
        { "extra tensor", "The state has tensor 'velocity', which Adam does not keep." },
        { "missing scalar", "The state lacks scalar 'beta2_power', which Adam keeps." },
        { "wrong length", "Tensor 'exp_avg' has 3 values; expected 4, one per parameter." },
        { "NaN", "Tensor 'exp_avg' holds a value that is not finite." },
        { "negative second moment", "Tensor 'exp_avg_sq' holds -1; a second moment is never negative." },
        { "power out of range", "Scalar 'beta1_power' is 1.5; a power of a beta lies in [0, 1]." },
        { "infinite scalar", "Scalar 'beta2_power' is Infinity, not finite." },
        { "steps without a size", "The state has no parameter count, as before the first step, yet has steps, tensors or scalars." },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public void ABadStateIsRejectedAndTheOptimizerUnchanged(string fault, string message)
    {
        var adam = new Adam(0.1f);
        adam.Step(new float[4], Gradient1);
        OptimizerState good = adam.ExportState();
        var tensors = good.Tensors.ToDictionary(t => t.Key, t => (float[])t.Value.Clone());
        var scalars = good.Scalars.ToDictionary(s => s.Key, s => s.Value);
        OptimizerState bad = good with { Tensors = tensors, Scalars = scalars };
        switch (fault)
        {
            case "type": bad = bad with { Optimizer = "Sgd" }; break;
            case "negative steps": bad = bad with { StepCount = -1 }; break;
            case "missing tensor": tensors.Remove("exp_avg_sq"); break;
            case "extra tensor": tensors["velocity"] = new float[4]; break;
            case "missing scalar": scalars.Remove("beta2_power"); break;
            case "wrong length": tensors["exp_avg"] = new float[3]; break;
            case "NaN": tensors["exp_avg"][2] = float.NaN; break;
            case "negative second moment": tensors["exp_avg_sq"][0] = -1f; break;
            case "power out of range": scalars["beta1_power"] = 1.5; break;
            case "infinite scalar": scalars["beta2_power"] = double.PositiveInfinity; break;
            case "steps without a size": bad = bad with { ParameterCount = null }; break;
        }

        var target = new Adam(0.1f);
        float[] p = [1f, 2f, 3f, 4f];
        target.Step(p, Gradient2);
        OptimizerState before = target.ExportState();

        ArgumentException e = Assert.Throws<ArgumentException>(() => target.ImportState(bad));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        OptimizerState after = target.ExportState();
        Assert.Equal(before.StepCount, after.StepCount);
        Assert.Equal(before.Tensors["exp_avg"], after.Tensors["exp_avg"]);
        Assert.Equal(before.Scalars, after.Scalars);
    }

    [Fact]
    public void RpropChecksItsStepsAndSigns()
    {
        var rprop = new Rprop();
        rprop.Step(new float[2], [1f, -1f]);
        OptimizerState state = rprop.ExportState();
        var halfSign = new Dictionary<string, float[]>(state.Tensors) { ["prev_sign"] = [0.5f, 1f] };
        var zeroStep = new Dictionary<string, float[]>(state.Tensors) { ["step_size"] = [0f, 0.1f] };
        Assert.StartsWith("Tensor 'prev_sign' holds 0.5; a sign is -1, 0 or 1.", Assert.Throws<ArgumentException>(() => rprop.ImportState(state with { Tensors = halfSign })).Message, StringComparison.Ordinal);
        Assert.StartsWith("Tensor 'step_size' holds 0; a step size is positive.", Assert.Throws<ArgumentException>(() => rprop.ImportState(state with { Tensors = zeroStep })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => rprop.ImportState(null!));
    }

    [Fact]
    public void MomentumStateDoesNotImportIntoPlainSgd()
    {
        var momentum = new Sgd(0.1f, 0.9f);
        momentum.Step(new float[4], Gradient1);
        var plain = new Sgd(0.1f);
        Assert.StartsWith("The state has tensor 'momentum_buffer', which Sgd does not keep.",
            Assert.Throws<ArgumentException>(() => plain.ImportState(momentum.ExportState())).Message, StringComparison.Ordinal);
    }
}
