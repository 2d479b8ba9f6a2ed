using System;
using System.Collections.Generic;
using NetGen.Numerics;

namespace NetGen;

/// <summary>One run of <see cref="RandomSearch"/>: trials in blocks of <see cref="BlockSize"/>, scanned in order after each block.</summary>
internal sealed class RandomSearchRun : CandidateEvaluator
{
    /// <summary>Trials per parallel block: enough to keep the workers busy, few enough to stop soon after a solution.</summary>
    internal const int BlockSize = 64;

    private readonly RandomSearchOptions _options;
    private readonly float[] _losses = new float[BlockSize];
    private readonly bool[] _solved = new bool[BlockSize];
    private int _blockStart;

    internal RandomSearchRun(INetwork network, NetworkLoss loss, RandomSearchOptions options)
        : base(network, loss, options, BlockSize) => _options = options;

    internal RandomSearchResult Run()
    {
        var improvements = new List<Improvement>();
        int evaluations = 0, bestTrial = -1, resultTrial = -1;
        float bestLoss = float.PositiveInfinity, resultLoss = float.PositiveInfinity;
        while (resultTrial < 0 && evaluations < _options.MaxEvaluations)
        {
            int count = Math.Min(BlockSize, _options.MaxEvaluations - evaluations);
            EvaluateBlock(evaluations, count);
            for (int i = 0; i < count; i++)
            {
                evaluations++;
                float loss = _losses[i];
                if (loss < bestLoss || bestTrial < 0) // the first trial stands in even when every loss is +∞
                {
                    if (loss < bestLoss) improvements.Add(new Improvement(evaluations, loss));
                    (bestTrial, bestLoss) = (_blockStart + i, loss);
                }
                if (_solved[i])
                {
                    (resultTrial, resultLoss) = (_blockStart + i, loss);
                    break;
                }
            }
        }
        bool solved = resultTrial >= 0;
        if (!solved) (resultTrial, resultLoss) = (bestTrial, bestLoss);
        RandomSearch.DrawTrial(Network.Parameters, _options.Range, _options.Seed, resultTrial, new SeededRandom(_options.Seed));
        return new RandomSearchResult(solved, resultLoss, evaluations, Network.Parameters.ToArray(), resultTrial, improvements);
    }

    /// <summary>Evaluates trials [<paramref name="first"/>, first + <paramref name="count"/>) into the block's buffers.</summary>
    internal void EvaluateBlock(int first, int count)
    {
        _blockStart = first;
        ProcessRange(0, count);
    }

    protected override void Process(int index, INetwork network, SeededRandom random)
    {
        RandomSearch.DrawTrial(network.Parameters, _options.Range, _options.Seed, _blockStart + index, random);
        _losses[index] = Evaluate(network, out _solved[index]);
    }
}
