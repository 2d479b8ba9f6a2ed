using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Creates and evaluates numbered candidates on a fixed set of workers, each with its own network (the caller's, then
/// clones made once) and its own generator. A candidate's work depends only on its number, never on the worker that
/// picks it up, so the results are the same for any number of threads.
/// </summary>
internal abstract class CandidateEvaluator
{
    private readonly INetwork[] _networks;
    private readonly SeededRandom[] _randoms;
    private readonly NetworkLoss _loss;
    private readonly float? _targetLoss;
    private readonly SolvedPredicate? _solved;
    private readonly Action<int> _workerLoop; // created once: a lambda per batch would allocate
    private int _next, _end;

    protected CandidateEvaluator(INetwork network, NetworkLoss loss, GradientFreeOptions options, int batchSize)
    {
        _loss = loss;
        _targetLoss = options.TargetLoss;
        _solved = options.Solved;
        int workers = Math.Min(options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism, batchSize);
        _networks = new INetwork[workers];
        _randoms = new SeededRandom[workers];
        for (int w = 0; w < workers; w++)
        {
            _networks[w] = w == 0 ? network : network.Clone();
            _randoms[w] = new SeededRandom(options.Seed);
        }
        _workerLoop = WorkerLoop;
    }

    /// <summary>The caller's network, which receives the result at the end.</summary>
    protected INetwork Network => _networks[0];

    /// <summary>Creates candidate <paramref name="index"/> into <paramref name="network"/>'s parameters and evaluates it.</summary>
    protected abstract void Process(int index, INetwork network, SeededRandom random);

    /// <summary>Runs <see cref="Process"/> for every index in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    internal void ProcessRange(int from, int to)
    {
        if (_networks.Length == 1 || to - from < 2)
        {
            for (int i = from; i < to; i++) Process(i, _networks[0], _randoms[0]);
            return;
        }
        _next = from;
        _end = to;
        try
        {
            Parallel.For(0, _networks.Length, new ParallelOptions { MaxDegreeOfParallelism = _networks.Length }, _workerLoop);
        }
        catch (AggregateException e)
        {
            // The loss's own exception, as on one thread. Each worker stops at its first, so several workers may
            // have failed at once: the first reported stands for them.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>The loss of <paramref name="network"/> (NaN becomes +∞) and whether it meets the stopping criterion.</summary>
    protected float Evaluate(INetwork network, out bool solved)
    {
        float loss = _loss(network);
        if (float.IsNaN(loss)) loss = float.PositiveInfinity;
        solved = (_targetLoss is not float target || loss <= target)
            && (_solved is null ? _targetLoss is not null : _solved(network, loss));
        return loss;
    }

    // Workers take the next index until none is left, so a slow candidate does not hold up a fixed share.
    private void WorkerLoop(int worker)
    {
        int index;
        while ((index = Interlocked.Increment(ref _next) - 1) < _end) Process(index, _networks[worker], _randoms[worker]);
    }
}
