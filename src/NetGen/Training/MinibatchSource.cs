using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Serves the minibatches of one training set: a seeded shuffle of the sample order per epoch, and rows gathered
/// into buffers allocated once. A batch that covers the whole set is the data set's own arrays, unshuffled. With
/// <c>noSingleSample</c>, a last batch of one sample joins the batch before it (batch normalisation over features cannot
/// train on one sample).
/// </summary>
internal sealed class MinibatchSource
{
    private readonly Dataset _data;
    private readonly int _batchSize;
    private readonly int[] _order = [];
    private readonly SeededRandom? _random;
    private readonly float[] _inputs = [], _targets = [];

    public MinibatchSource(Dataset data, int batchSize, int seed, bool noSingleSample = false)
    {
        _data = data;
        _batchSize = Math.Min(batchSize, data.Count);
        Count = (data.Count + _batchSize - 1) / _batchSize;
        if (_batchSize == data.Count) return;
        if (noSingleSample && Count > 1 && data.Count % _batchSize == 1) Count--;
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _random = new SeededRandom(seed);
        _inputs = new float[(_batchSize + 1) * data.InputSize];
        _targets = new float[(_batchSize + 1) * data.TargetSize];
    }

    /// <summary>Batches per epoch.</summary>
    public int Count { get; }

    /// <summary>Draws the next epoch's sample order (continuing one seeded stream, so each epoch differs).</summary>
    public void Shuffle() => _random?.Shuffle(_order.AsSpan());

    /// <summary>The rows of batch <paramref name="batch"/> of this epoch; returns how many samples it holds.</summary>
    public int Load(int batch, out ReadOnlySpan<float> inputs, out ReadOnlySpan<float> targets)
    {
        if (_random is null)
        {
            inputs = _data.Inputs;
            targets = _data.Targets;
            return _data.Count;
        }
        int start = batch * _batchSize, size = batch == Count - 1 ? _data.Count - start : _batchSize; // the last takes what is left
        int inputSize = _data.InputSize, targetSize = _data.TargetSize;
        for (int i = 0; i < size; i++)
        {
            int sample = _order[start + i];
            _data.Input(sample).CopyTo(_inputs.AsSpan(i * inputSize, inputSize));
            _data.Target(sample).CopyTo(_targets.AsSpan(i * targetSize, targetSize));
        }
        inputs = _inputs.AsSpan(0, size * inputSize);
        targets = _targets.AsSpan(0, size * targetSize);
        return size;
    }
}
