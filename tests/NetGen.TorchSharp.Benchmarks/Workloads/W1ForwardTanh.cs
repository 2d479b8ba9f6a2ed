using NetGen.Benchmarks;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W1: one sample forward through 32-64-64-8, tanh hidden layers, linear output.</summary>
public class W1ForwardTanh() : SequentialForward<TanhMlp>("W1", Data.Uniform(TanhMlp.InputSize, seed: 101), TorchNetworks.TanhMlp());
