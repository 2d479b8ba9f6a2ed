using System;
using System.Globalization;
using NetGen.Model;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

public sealed class ZzScratchProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        foreach (var (units, inputs, act, extra) in new[] { (32, 2, "Tanh", ""), (16, 4, "Tanh", ""), (4, 2, "Tanh", ""), (32, 2, "Sigmoid", ""), (32, 2, "Relu", ""), (16, 16, "Tanh", ""), (32,2,"Tanh", ", RecurrentInit = Init.Glorot"), (64,8,"Tanh",""), (8, 3, "Tanh", "") })
        {
            string src = $"using NetGen;\n[Network(SequenceLength = 10)]\npublic partial class N {{\n [Input({inputs})] public partial InputLayer In {{ get; }}\n [Recurrent({units}, Activation.{act}{extra})] public partial RecurrentLayer Rnn {{ get; }}\n [Dense(1)] public partial DenseLayer Out {{ get; }}\n}}\n";
            var (spec, _) = NetworkModel.Estimate(src, "N");
            var layer = spec.Layers[1];
            double chi = RecurrentFlow.StepGain(layer);
            int longest = 1; while (RecurrentFlow.GradientOverSequence(layer, longest + 1) >= 1e-6 && longest < 100000) longest++;
            output.WriteLine($"{units}x{inputs} {act}{extra}: chi={chi.ToString("R", CultureInfo.InvariantCulture)} longestOK={longest} g(longest)={RecurrentFlow.GradientOverSequence(layer, longest)} g(+1)={RecurrentFlow.GradientOverSequence(layer, longest+1)} fmt={Figures.Format(chi)} {Figures.Format(RecurrentFlow.GradientOverSequence(layer, longest+1))} g100={Figures.Format(RecurrentFlow.GradientOverSequence(layer, 100))}");
        }
        foreach (float b in new[] { 0f, 1f, 2f, 2.3f, 0.5f, -1f })
        {
            string src = $"using NetGen;\n[Network(SequenceLength = 10)]\npublic partial class N {{\n [Input(2)] public partial InputLayer In {{ get; }}\n [Lstm(4, ForgetBias = {b.ToString(CultureInfo.InvariantCulture)}f)] public partial LstmLayer M {{ get; }}\n [Dense(1)] public partial DenseLayer Out {{ get; }}\n}}\n";
            var (spec, _) = NetworkModel.Estimate(src, "N");
            output.WriteLine($"b={b}: tau={RecurrentFlow.LstmMemory(spec.Layers[1]).ToString("R", CultureInfo.InvariantCulture)} fmt={Figures.Format(RecurrentFlow.LstmMemory(spec.Layers[1]))}");
        }
        foreach (double m in new[] { 1.0, 1.4, 1.5, 2, 3, 5, 10, 20, 50 })
            output.WriteLine($"memory {m}: bias {RecurrentFlow.ForgetBiasForMemory(m).ToString("R", CultureInfo.InvariantCulture)}");
    }
}
