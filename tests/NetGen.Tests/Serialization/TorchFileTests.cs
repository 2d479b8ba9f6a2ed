using System;
using System.IO;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// A state dict PyTorch saved (<c>Assets/torch_batchnorm.safetensors</c>, from <c>make_torch_batchnorm.py</c>: a module with
/// BatchNorm2d and BatchNorm1d after three training steps) loads unchanged, and evaluates as PyTorch's <c>eval()</c> does.
/// </summary>
public sealed class TorchFileTests
{
    private static readonly string AssetPath = Path.Combine(AppContext.BaseDirectory, "Serialization", "Assets", "torch_batchnorm.safetensors");

    // Printed by the script: two 1 × 5 × 5 inputs (quarters, exact) and module.eval()(inputs).
    private static readonly float[] Inputs =
    [
        0.25f, -0.5f, -0.5f, -0.75f, -1.25f, -1f, 0.75f, 1f, -1.5f, -0.25f, 3f, -1f, -0.25f, 0f, 1.5f, 1f, -0.25f, -2.5f, -1.75f, -0.5f, 0.25f, -1.75f, -0.25f, 1.5f, -0.5f,
        -0.5f, 1f, 0.5f, 0.5f, -1f, -0.25f, -1f, 0.75f, -0.25f, 1.5f, 0.5f, 0.5f, 0.75f, -0.25f, -0.75f, -0f, 2.5f, 0.75f, 0f, -0.5f, -0.75f, -2.25f, -0f, 0.25f, -0.75f,
    ];

    private static readonly float[] TorchOutputs = [-0.02128201723098755f, -0.08740609884262085f, 0.12685203552246094f, -0.1439712643623352f];

    [Fact]
    public void LoadsUnchangedAndEvaluatesAsPyTorch()
    {
        var net = new TorchBatchNormNet();

        IncompatibleKeys keys = SafeTensors.Load(net, AssetPath);

        Assert.True(keys.IsEmpty);
        Assert.Equal(3, net.Norm2d.BatchesTracked);
        Assert.Equal(3, net.Norm1d.BatchesTracked);
        Assert.Equal(0.04817874729633331f, net.Norm1d.RunningMean[0]);
        var output = new float[2];
        for (int sample = 0; sample < 2; sample++)
        {
            net.Forward(Inputs.AsSpan(25 * sample, 25), output);
            Assert.Equal(TorchOutputs[2 * sample], output[0], 1e-5f);
            Assert.Equal(TorchOutputs[2 * sample + 1], output[1], 1e-5f);
        }
    }

    /// <summary>The script writes by the reference writer's rules (I64 before F32, then names; compact header padded to 8): NetGen writes the same bytes back.</summary>
    [Fact]
    public void SavesTheSameBytesBack()
    {
        var net = new TorchBatchNormNet();
        SafeTensors.Load(net, AssetPath);
        var stream = new MemoryStream();

        SafeTensors.Save(net, stream);

        Assert.Equal(File.ReadAllBytes(AssetPath), stream.ToArray());
    }
}
