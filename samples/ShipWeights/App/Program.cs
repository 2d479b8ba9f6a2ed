using System;
using System.Globalization;
using NetGen;

// Step 2 of shipping a network: its trained weights are compiled in ([Network(Weights)] below), so the program
// needs no file: `new RingNet()` starts from them, and so does its inference form. Published with NativeAOT it is one
// native binary.
var net = new RingNet();
RingNet.Inference model = net.ToInference();

float[] grid = Ring.Grid(), predictions = new float[grid.Length / 2];
model.Forward(grid, predictions, predictions.Length);
int correct = 0;
for (int i = 0; i < predictions.Length; i++) correct += (predictions[i] > 0.5f) == (Ring.Label(grid[2 * i], grid[2 * i + 1]) == 1) ? 1 : 0;
Console.WriteLine($"grid accuracy = {correct.ToString(CultureInfo.InvariantCulture)}/{predictions.Length.ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine($"batches tracked = {net.Norm.BatchesTracked.ToString(CultureInfo.InvariantCulture)}");
foreach ((float x, float y) in new[] { (0f, 0f), (0.6f, 0f), (0f, -0.5f), (0.9f, 0.9f) })
{
    float[] output = new float[1];
    model.Forward([x, y], output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p(inside | {x:F1}, {y:F1}) = {output[0]:R}"));
}

[Network(Loss = Loss.BinaryCrossEntropy, Weights = "ring.safetensors")]
public partial class RingNet;
