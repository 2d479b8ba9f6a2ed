using System;
using NetGen;

// The smallest network: 2 inputs, 4 tanh units, 1 sigmoid output, trained online on XOR.
var net = new XorNet();
Console.WriteLine(XorNet.Summary);
Console.WriteLine();

float[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
float[][] targets = [[0], [1], [1], [0]];
var optimizer = new Sgd(learningRate: 0.5f, momentum: 0.9f);
for (int epoch = 1; epoch <= 2000; epoch++)
{
    float loss = 0;
    for (int i = 0; i < inputs.Length; i++) loss += net.TrainStep(inputs[i], targets[i], optimizer);
    if (epoch % 400 == 0) Console.WriteLine($"epoch {epoch,5}: mean loss {loss / inputs.Length:F5}");
}

Span<float> output = stackalloc float[XorNet.OutputSize];
for (int i = 0; i < inputs.Length; i++)
{
    net.Forward(inputs[i], output);
    Console.WriteLine($"{inputs[i][0]} xor {inputs[i][1]} = {output[0]:F3} (target {targets[i][0]})");
}

/// <summary>XOR: the network from the README.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
public partial class XorNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}
