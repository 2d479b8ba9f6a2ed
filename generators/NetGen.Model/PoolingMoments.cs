using System;

namespace NetGen.Model;

/// <summary>
/// What a pooling layer's window sees, as mean-field theory describes a channel: at each position φ(z) + offset, the
/// z Gaussian with variance q and correlation c between any two positions. A layer with weights and no residual is
/// exactly that (offset 0); anything else (the input, a residual sum, a pooled output) is taken as Gaussian with its own
/// mean, variance and correlation (φ linear, the mean as offset), which the pooling of it only approximates.
/// </summary>
/// <param name="Activation">φ.</param>
/// <param name="Q">Var(z).</param>
/// <param name="Correlation">Corr(z(p), z(p′)) for p ≠ p′.</param>
/// <param name="Offset">Added after φ.</param>
internal readonly record struct PooledSignal(Activation Activation, double Q, double Correlation, double Offset);

/// <summary>
/// Max pooling's moments (average pooling's are sums of the moments its input already has: see <see cref="GradientFlowEstimator"/>).
/// With the window's K values equicorrelated, z_i = √q(√c·u + √(1 − c)·v_i), and φ nondecreasing, the maximum is
/// φ(√q(√c·u + √(1 − c)·M)) with M the largest of K independent standard normals, whose density K·φ_N(v)·Φ(v)^(K−1)
/// turns an expectation over M into a Gauss–Hermite one weighted by K·Φ(v)^(K−1) (K need not be an integer: the
/// window's average count of taps that land on the input is used). SiLU and GELU dip slightly below zero and are not
/// quite nondecreasing; the error of treating them so is in the dip, far below what the rules read.
/// </summary>
internal static class PoolingMoments
{
    /// <summary>The maximum's second moment, mean, product between two windows, and the argmax's E[φ′²] over the average E[φ′²].</summary>
    /// <param name="MeanSquare">E[y²].</param>
    /// <param name="Mean">E[y].</param>
    /// <param name="CrossMoment">E[y·y′] for two windows that share no value: both maxima move with the common u.</param>
    /// <param name="DerivativeGain">
    /// E[φ′(z)²] at the argmax over E[φ′(z)²] at a random position: the gradient reaches only the maxima, whose z is
    /// larger than most (ReLU: 1 − 2^−K of them are active, not half; tanh: further into saturation).
    /// </param>
    public readonly record struct Maximum(double MeanSquare, double Mean, double CrossMoment, double DerivativeGain);

    public static Maximum OfMaximum(PooledSignal signal, double count)
    {
        ActivationInfo info = ActivationCatalog.Of(signal.Activation);
        double c = Math.Max(0, Math.Min(1, signal.Correlation)), root = Math.Sqrt(Math.Max(0, signal.Q));
        double common = root * Math.Sqrt(c), own = root * Math.Sqrt(1 - c);
        var maximumWeights = new double[GaussHermite.Points];
        for (int j = 0; j < GaussHermite.Points; j++)
            maximumWeights[j] = GaussHermite.Weight(j) * count * Math.Pow(ActivationCatalog.Erfc(-GaussHermite.Node(j) / Math.Sqrt(2)) / 2, count - 1);

        // One pass over the grid (u for the window's common part, v for its maximum's own): for each u, the expectations over v.
        double meanSquare = 0, mean = 0, cross = 0, derivative = 0;
        for (int i = 0; i < GaussHermite.Points; i++)
        {
            double value = 0, square = 0, slope = 0, u = common * GaussHermite.Node(i);
            for (int j = 0; j < GaussHermite.Points; j++)
            {
                double z = u + own * GaussHermite.Node(j), y = info.Value(z) + signal.Offset, d = info.Derivative(z);
                value += maximumWeights[j] * y;
                square += maximumWeights[j] * y * y;
                slope += maximumWeights[j] * d * d;
            }
            double weight = GaussHermite.Weight(i);
            mean += weight * value;
            meanSquare += weight * square;
            cross += weight * value * value;
            derivative += weight * slope;
        }
        double average = ActivationMoments.DerivativeMeanSquare(signal.Activation, signal.Q);
        return new Maximum(meanSquare, mean, cross, average > 0 ? derivative / average : 1);
    }
}
