using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks;

/// <summary>The torch modules that compute what the NetGen networks in Networks.cs compute.</summary>
public static class TorchNetworks
{
    /// <summary>One intra-op thread, as NetGen's code runs on one: every workload calls it in its setup.</summary>
    public static void UseOneThread() => torch.set_num_threads(1);

    /// <summary>32-64-64-8, tanh hidden layers, linear output (<see cref="NetGen.Benchmarks.TanhMlp"/>).</summary>
    public static Sequential TanhMlp() =>
        nn.Sequential(nn.Linear(32, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 8));

    /// <summary>784-128-10, ReLU hidden layer, linear output: the logits of <see cref="NetGen.Benchmarks.MnistMlp"/>, for cross_entropy.</summary>
    public static Sequential MnistLogits() => nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));

    /// <summary>
    /// Both cores for LibTorch's intra-op work (its OpenMP pool, which oneDNN's convolutions use too), as NetGen shares
    /// its products with a second core: the W7 workloads call it in their setup.
    /// </summary>
    public static void UseTwoThreads() => torch.set_num_threads(2);

    /// <summary>The Fashion-MNIST CNN up to the logits (<see cref="NetGen.Benchmarks.FashionCnn"/> without its softmax), for cross_entropy.</summary>
    public static Sequential FashionCnnLogits() => nn.Sequential(
        nn.Conv2d(1, 16, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10));

    /// <summary><see cref="NetGen.Benchmarks.FashionCnn"/> with its softmax output.</summary>
    public static Sequential FashionCnnProbabilities()
    {
        Sequential network = FashionCnnLogits();
        network.append(nn.Softmax(dim: 1));
        return network;
    }

    /// <summary>784-128-10 with the softmax output of <see cref="NetGen.Benchmarks.MnistMlp"/>.</summary>
    public static Sequential MnistProbabilities() =>
        nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10), nn.Softmax(dim: 1));
}

/// <summary>
/// One step of <see cref="NetGen.Benchmarks.LstmBench"/>: LSTMCell 8 → 32 from the zero state (passed in, so
/// W_hh·0 is computed as NetGen computes it), then Linear 32 → 1.
/// </summary>
public sealed class TorchLstmStep : IDisposable
{
    private readonly LSTMCell _cell = nn.LSTMCell(8, 32);
    private readonly Linear _head = nn.Linear(32, 1);
    private readonly Tensor _zeroHidden = torch.zeros(1, 32), _zeroCell = torch.zeros(1, 32);

    /// <summary>The parameters in NetGen's order.</summary>
    public IReadOnlyList<Tensor> Parameters =>
        [_cell.weight_ih!, _cell.weight_hh!, _cell.bias_ih!, _cell.bias_hh!, _head.weight!, _head.bias!];

    /// <summary>The hidden state h_0 and the output for a <c>[1, 8]</c> input.</summary>
    public (Tensor Hidden, Tensor Output) Step(Tensor input)
    {
        (Tensor hidden, Tensor _) = _cell.forward(input, (_zeroHidden, _zeroCell));
        return (hidden, _head.forward(hidden));
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        _cell.Dispose();
        _head.Dispose();
        _zeroHidden.Dispose();
        _zeroCell.Dispose();
    }
}
