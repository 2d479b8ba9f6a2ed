using System;

namespace NetGen.Model;

/// <summary>
/// Mean-field gradient flow through time for the gated kinds (LSTM, GRU) at initialisation, after Chen, Pennington &amp;
/// Schoenholz (2018, "gating enables signal propagation") and Gilboa et al. (2019, "Dynamical isometry and a mean field
/// theory of LSTMs and GRUs").
///
/// <para><b>Forward.</b> Every gate's pre-activation is a = W_ih·x + W_hh·h + b with W_ih, W_hh independent of x and h
/// at initialisation, so a = b + ζ with ζ ~ N(0, q), q = σ_ih²·E[x²] + σ_hh²·E[h²] (σ_ih² = fan_in·Var(W_ih),
/// σ_hh² = units·Var(W_hh) for one gate's block; E[x²] is the layer below's output, 1 for the network's standardised
/// inputs). E[·] of a gate is a Gauss–Hermite expectation over ζ. The state's second moment is stationary where
/// <list type="bullet">
/// <item>LSTM, c_t = f⊙c_{t−1} + i⊙g, h = o⊙tanh c: E[c²] = E[i²]E[g²] / (1 − E[f²]), E[h²] = E[o²]·E[tanh(√E[c²]·ζ)²];</item>
/// <item>GRU (as torch.nn.GRU), n = tanh(W_in·x + r⊙(W_hn·h)), h′ = (1 − z)⊙n + z⊙h: E[h²] = E[(1 − z)²]E[n²] / (1 − E[z²]),
/// with n's pre-activation variance σ_ih² + E[r²]·σ_hh²·E[h²];</item>
/// </list>
/// iterated to the fixed point (the products treated as independent: the mean-field approximation).</para>
///
/// <para><b>Backward.</b> One step back, the state gradient is multiplied by the Jacobian of the state on the previous one.
/// LSTM (cell c): ∂c_t/∂c_{t−1} = diag(f) + diag(i⊙tanh′(a_g))·W_hg·diag(o⊙tanh′(c)) + (the i, f, o blocks of W_hh, alike).
/// GRU (hidden h): ∂h_t/∂h_{t−1} = diag(z) + diag((1 − z)⊙tanh′(a_n)⊙r)·W_hn + diag((h − n)⊙σ′(a_z))·W_hz + (the r block).
/// Along the memory gate (diagonal) and the candidate's recurrent block W_hg (W_hn), the same matrix at every step, the
/// gates at their means over ζ (a mean over units and steps) give the map a + κ·W of <see cref="RecurrentDecay"/>:
/// <code>
/// LSTM  a = E[σ(b + ζ)]   κ = E[i]E[tanh′(a_g)]·E[o]E[tanh′(c)]
/// GRU   a = E[σ(b + ζ)]   κ = E[1 − σ(b + ζ)]·E[tanh′(a_n)]·E[r]
/// </code>
/// with W's eigenvalues in the disk of radius r = σ_hh (the circular law; on the unit circle for orthogonal blocks). The
/// other blocks (the LSTM's f and i paths through W_hf, W_hi; the GRU's z and r paths) are independent of W: their mean
/// squares add, as in the mean field of a feed-forward layer,
/// <code>
/// LSTM  e = σ_hh²·E[o²]E[tanh′(c)²]·(E[c²]·E[σ′(b + ζ)²] + E[g²]·E[σ′(ζ)²])
/// GRU   e = σ_hh²·((E[h²] + E[n²])·E[σ′(b + ζ)²] + E[(1 − z)²]E[tanh′(a_n)²]·σ_hh²E[h²]·E[σ′(ζ)²])
/// </code>
/// <see cref="RecurrentDecay"/> turns a, κ, r and e into the figure over n steps (the same W at every step) and the
/// long-run factor λ = (a + κr)² + e. No factor is fitted. With ζ ≡ 0 and σ_hh = 0 the memory is the forget-gate-only
/// τ = −1/ln σ(b) of before. A stack of layers combines its layers' figures (<see cref="RecurrentFlow.LogGradientOverSequence"/>).
/// Not modelled: the spread of the measured figure over sequences (the measure is a geometric mean over them),
/// the gates' spread over units (adding it as noise moved the calibration away from the measurement), and the few
/// recurrent weights of a narrow layer acting again and again (its measured decay departs most from the mean field).</para>
/// </summary>
internal static class GatedFlow
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double SigmoidDerivative(double x) { double s = Sigmoid(x); return s * (1 - s); }

    private static double TanhDerivative(double x) { double t = Math.Tanh(x); return 1 - t * t; }

    private static double Gate(Func<double, double> f, double bias, double q)
    {
        double scale = Math.Sqrt(Math.Max(0, q));
        return GaussHermite.Expectation(z => f(bias + scale * z));
    }

    private static (double InputGain, double RecurrentGain) Gains(LayerSpec layer)
    {
        int units = layer.Connections.OutChannels;
        return (layer.Connections.FanIn * GradientFlowEstimator.WeightVariance(layer),
                units * GradientFlowEstimator.WeightVariance(layer.RecurrentInit, units, units));
    }

    /// <summary>
    /// The state gradient's decay per step back in time (a, κ, r = σ_hh, e of <see cref="RecurrentDecay"/>) and the output's
    /// stationary E[h²] (what the layer above reads), for memory-gate bias <paramref name="bias"/> and inputs of mean
    /// square <paramref name="inputMeanSquare"/>.
    /// </summary>
    public static (RecurrentDecay Decay, double OutputMeanSquare) Step(LayerSpec layer, double bias, double inputMeanSquare)
    {
        (double inputGain, double recurrentGain) = Gains(layer);
        inputGain *= inputMeanSquare;
        bool lstm = layer.Descriptor.Gates == 4;
        double h2 = FixedPoint.Solve(h2 =>
        {
            double q = inputGain + recurrentGain * h2;
            double memory = Gate(x => Square(Sigmoid(x)), bias, q);
            if (lstm)
            {
                double cell = Gate(x => Square(Sigmoid(x)), 0, q) * Gate(x => Square(Math.Tanh(x)), 0, q) / Math.Max(1e-12, 1 - memory);
                return Gate(x => Square(Sigmoid(x)), 0, q) * Gate(x => Square(Math.Tanh(x)), 0, cell);
            }
            double n2 = Gate(x => Square(Math.Tanh(x)), 0, inputGain + Gate(x => Square(Sigmoid(x)), 0, q) * recurrentGain * h2);
            return Gate(x => Square(1 - Sigmoid(x)), bias, q) * n2 / Math.Max(1e-12, 1 - memory);
        }, 0);
        double qg = inputGain + recurrentGain * h2, edge = Math.Sqrt(recurrentGain);
        double gate = Gate(Sigmoid, 0, qg), gate2 = Gate(x => Square(Sigmoid(x)), 0, qg), gateSlope2 = Gate(x => Square(SigmoidDerivative(x)), 0, qg);
        double memorySlope2 = Gate(x => Square(SigmoidDerivative(x)), bias, qg);
        if (lstm)
        {
            double cell2 = gate2 * Gate(x => Square(Math.Tanh(x)), 0, qg) / Math.Max(1e-12, 1 - Gate(x => Square(Sigmoid(x)), bias, qg));
            double coupling = gate * Gate(TanhDerivative, 0, cell2) * gate * Gate(TanhDerivative, 0, qg);
            double incoherent = recurrentGain * gate2 * Gate(x => Square(TanhDerivative(x)), 0, cell2)
                * (cell2 * memorySlope2 + Gate(x => Square(Math.Tanh(x)), 0, qg) * gateSlope2);
            return (new RecurrentDecay(Gate(Sigmoid, bias, qg), coupling, edge, incoherent), h2);
        }
        double qn = inputGain + gate2 * recurrentGain * h2;
        double gruCoupling = Gate(x => 1 - Sigmoid(x), bias, qg) * Gate(TanhDerivative, 0, qn) * gate;
        double gruIncoherent = recurrentGain * ((h2 + Gate(x => Square(Math.Tanh(x)), 0, qn)) * memorySlope2
            + Gate(x => Square(1 - Sigmoid(x)), bias, qg) * Gate(x => Square(TanhDerivative(x)), 0, qn) * recurrentGain * h2 * gateSlope2);
        return (new RecurrentDecay(Gate(Sigmoid, bias, qg), gruCoupling, edge, gruIncoherent), h2);
    }

    private static double Square(double x) => x * x;
}
