using NetGen.Benchmarks;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W2: one sample forward through 784-128-10, ReLU hidden layer, softmax output.</summary>
public class W2ForwardMnist() : SequentialForward<MnistMlp>("W2", Data.Uniform(MnistMlp.InputSize, seed: 201, min: 0f, max: 1f), TorchNetworks.MnistProbabilities());
