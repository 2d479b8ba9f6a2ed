using System;
using System.Collections.Generic;
using NetGen.Onnx.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// The exported model run in ONNX Runtime gives what NetGen's own Forward gives, to 1e-5, on random inputs and
/// random parameters: several samples at once (the symbolic batch), and sequences of more than one length.
/// </summary>
public sealed class OnnxParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;
    private const int Batch = 3;

    private static readonly Dictionary<string, Func<INetwork>> s_networks = new()
    {
        [nameof(EveryActivationNet)] = () => new EveryActivationNet(),
        [nameof(ClassifierNet)] = () => new ClassifierNet(),
        [nameof(ResidualNet)] = () => new ResidualNet(),
        [nameof(RnnLastStepNet)] = () => new RnnLastStepNet(),
        [nameof(RnnSequenceNet)] = () => new RnnSequenceNet(),
        [nameof(RnnActivationsNet)] = () => new RnnActivationsNet(),
        [nameof(LstmNet)] = () => new LstmNet(),
        [nameof(LstmTaggerNet)] = () => new LstmTaggerNet(),
        [nameof(SeluSiluNet)] = () => new SeluSiluNet(),
        [nameof(GruLastStepNet)] = () => new GruLastStepNet(),
        [nameof(GruSequenceNet)] = () => new GruSequenceNet(),
        [nameof(GruLstmNet)] = () => new GruLstmNet(),
        [nameof(WideGruNet)] = () => new WideGruNet(),
        [nameof(ConvClassifierNet)] = () => new ConvClassifierNet(),
        [nameof(TcnNet)] = () => new TcnNet(),
        [nameof(SignalNet)] = () => new SignalNet(),
        [nameof(ImagePoolNet)] = () => new ImagePoolNet(),
        [nameof(FullyConvNet)] = () => new FullyConvNet(),
    };

    /// <summary>Networks without recurrent layers; the model takes the input's declared shape, [batch, features] or [batch, C, (H,) W].</summary>
    [Theory]
    [InlineData(nameof(EveryActivationNet))]
    [InlineData(nameof(ClassifierNet))]
    [InlineData(nameof(ResidualNet))]
    [InlineData(nameof(SeluSiluNet))]
    [InlineData(nameof(ConvClassifierNet))]
    [InlineData(nameof(TcnNet))]
    [InlineData(nameof(SignalNet))]
    [InlineData(nameof(ImagePoolNet))]
    [InlineData(nameof(FullyConvNet))]
    public void FeedForwardNetworkMatchesForward(string name)
    {
        INetwork net = s_networks[name]();
        OnnxRuntimeRunner.Randomize(net, seed: 11);
        float[] inputs = OnnxRuntimeRunner.Uniform(Batch * net.InputSize, seed: 12, scale: 2f);

        float[] expected = OnnxRuntimeRunner.Forward(net, inputs, Batch, net.OutputSize);
        float[] actual = OnnxRuntimeRunner.Run(OnnxRuntimeRunner.Export(net), inputs, [Batch, .. net.Layers[0].OutputShape]);

        AssertClose(name, expected, actual);
    }

    [Theory]
    [InlineData(nameof(RnnLastStepNet), false)]
    [InlineData(nameof(RnnSequenceNet), true)]
    [InlineData(nameof(RnnActivationsNet), false)]
    [InlineData(nameof(LstmNet), false)]
    [InlineData(nameof(LstmTaggerNet), true)]
    [InlineData(nameof(GruLastStepNet), false)]
    [InlineData(nameof(GruSequenceNet), true)]
    [InlineData(nameof(GruLstmNet), false)]
    [InlineData(nameof(WideGruNet), false)]
    public void SequenceNetworkMatchesForward(string name, bool outputsEveryStep)
    {
        INetwork net = s_networks[name]();
        OnnxRuntimeRunner.Randomize(net, seed: 21);
        AssertSequenceParity(name, net, outputsEveryStep);
    }

    /// <summary>
    /// The parameters as the network initialises them, not randomised: the GRUs' UpdateBias (1.5 and −0.75) is then
    /// the update gate's block of bias_ih, which ONNX takes as the first (z) block of B.
    /// </summary>
    [Fact]
    public void InitialisedGruWithUpdateBiasMatchesForward() => AssertSequenceParity($"{nameof(WideGruNet)} as initialised", new WideGruNet(), outputsEveryStep: false);

    private void AssertSequenceParity(string name, INetwork net, bool outputsEveryStep)
    {
        byte[] model = OnnxRuntimeRunner.Export(net);
        foreach (int steps in new[] { 1, 7 })
        {
            float[] inputs = OnnxRuntimeRunner.Uniform(Batch * steps * net.InputSize, seed: 22 + steps, scale: 2f);
            int outputsPerSample = outputsEveryStep ? steps * net.OutputSize : net.OutputSize;

            float[] expected = OnnxRuntimeRunner.Forward(net, inputs, Batch, outputsPerSample);
            float[] actual = OnnxRuntimeRunner.Run(model, inputs, Batch, steps, net.InputSize);

            AssertClose($"{name}, {steps} step(s)", expected, actual);
        }
    }

    private void AssertClose(string what, float[] expected, float[] actual)
    {
        float error = OnnxRuntimeRunner.MaxAbsError(expected, actual);
        output.WriteLine($"{what}: max abs error {error:G3} over {expected.Length} outputs");
        Assert.True(error <= Tolerance, $"{what}: ONNX Runtime differs from Forward by up to {error:G3} (tolerance {Tolerance:G3}).");
    }
}
