using System;
using System.IO;
using NetGen;

// Step 1 of shipping a network: train it, and save its weights (parameters, running statistics, batch count) as
// safetensors. Step 2 is ../App, which compiles this file into its assembly. Usage: Train [output file]
// (default: ../App/ring.safetensors, next to the App project).
string output = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "App", "ring.safetensors");

var net = new RingNet();
var random = new Random(1);
const int BatchSize = 64;
float[] inputs = new float[2 * BatchSize], targets = new float[BatchSize];
var optimizer = new Adam(learningRate: 0.01f);
for (int step = 1; step <= 1500; step++)
{
    for (int i = 0; i < BatchSize; i++)
    {
        float x = 2 * random.NextSingle() - 1, y = 2 * random.NextSingle() - 1;
        (inputs[2 * i], inputs[2 * i + 1], targets[i]) = (x, y, Ring.Label(x, y));
    }
    float loss = net.TrainBatch(inputs, targets, BatchSize, optimizer);
    if (step % 500 == 0) Console.WriteLine($"step {step}: loss {loss:F4}");
}

float[] grid = Ring.Grid(), predictions = new float[grid.Length / 2];
net.Forward(grid, predictions, predictions.Length);
int correct = 0;
for (int i = 0; i < predictions.Length; i++) correct += (predictions[i] > 0.5f) == (Ring.Label(grid[2 * i], grid[2 * i + 1]) == 1) ? 1 : 0;
Console.WriteLine($"grid accuracy {correct}/{predictions.Length}");

SafeTensors.Save(net, output, metadata: new System.Collections.Generic.Dictionary<string, string> { ["trained_by"] = "samples/ShipWeights/Train" });
Console.WriteLine($"saved {Path.GetFullPath(output)}");

[Network(Loss = Loss.BinaryCrossEntropy, Seed = 5)]
public partial class RingNet;
