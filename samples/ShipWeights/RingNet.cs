using NetGen;

/// <summary>
/// The network both projects declare: is a point of the plane inside the ring 0.35 &lt; r &lt; 0.8? Its [Network]
/// attribute is each project's own (Train starts from a seed, App from the trained weights compiled in).
/// </summary>
public partial class RingNet
{
    [Input(2)] public partial InputLayer Point { get; }
    [Dense(24, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [BatchNorm] public partial BatchNormLayer Norm { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Inside { get; }
}

/// <summary>The ring: points on a fixed grid or drawn from a seeded generator, labelled by their radius.</summary>
public static class Ring
{
    public static float Label(float x, float y)
    {
        float r = System.MathF.Sqrt(x * x + y * y);
        return r > 0.35f && r < 0.8f ? 1f : 0f;
    }

    /// <summary>A 21 × 21 grid over [−1, 1]², row by row: the points App classifies.</summary>
    public static float[] Grid()
    {
        var points = new float[2 * 21 * 21];
        for (int i = 0; i < 21 * 21; i++)
        {
            points[2 * i] = -1 + 0.1f * (i % 21);
            points[2 * i + 1] = -1 + 0.1f * (i / 21);
        }
        return points;
    }
}
