using System;
using System.Collections.Generic;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// One run of <see cref="GeneticAlgorithm"/>. The population is two row-major blocks (parents, children) of
/// PopulationSize × ParameterCount values, swapped after each generation; nothing is allocated per generation.
/// </summary>
internal sealed class GeneticAlgorithmRun : CandidateEvaluator
{
    private readonly GeneticAlgorithmOptions _options;
    private readonly int _genes;
    private float[] _parents, _children, _parentLosses, _childLosses;
    private readonly bool[] _childSolved;
    private readonly bool[] _isElite;
    private readonly float[] _best;
    private readonly List<GenerationSummary> _history = [];
    private float _bestLoss = float.PositiveInfinity;
    private bool _hasBest, _solved;
    private int _generation, _evaluations, _firstChild, _firstBirth;

    internal GeneticAlgorithmRun(INetwork network, NetworkLoss loss, GeneticAlgorithmOptions options)
        : base(network, loss, options, options.PopulationSize)
    {
        _options = options;
        _genes = network.ParameterCount;
        int population = options.PopulationSize;
        _parents = new float[population * _genes];
        _children = new float[population * _genes];
        _parentLosses = new float[population];
        _childLosses = new float[population];
        _childSolved = new bool[population];
        _isElite = new bool[population];
        _best = new float[_genes];
    }

    internal GeneticAlgorithmResult Run()
    {
        while (!_solved && _evaluations < _options.MaxEvaluations) Step();
        _best.CopyTo(Network.Parameters);
        return new GeneticAlgorithmResult(_solved, _bestLoss, _evaluations, (float[])_best.Clone(), _generation, _history);
    }

    /// <summary>Breeds and evaluates one generation within the budget, then takes stock of it.</summary>
    internal void Step()
    {
        int count = BreedAndEvaluate();
        Summarise(_firstChild + count);
        (_parents, _children) = (_children, _parents);
        (_parentLosses, _childLosses) = (_childLosses, _parentLosses);
        _generation++;
    }

    /// <summary>
    /// Fills the children: the elites first (from the second generation on), then as many new individuals as the budget
    /// allows. Returns how many were evaluated. Allocation-free on one thread when the loss is.
    /// </summary>
    internal int BreedAndEvaluate()
    {
        int population = _options.PopulationSize;
        _firstChild = _generation == 0 ? 0 : CopyElites();
        _firstBirth = _evaluations;
        int count = Math.Min(population - _firstChild, _options.MaxEvaluations - _evaluations);
        ProcessRange(_firstChild, _firstChild + count);
        _childLosses.AsSpan(_firstChild + count).Fill(float.PositiveInfinity); // unborn for want of budget; the run ends here
        return count;
    }

    protected override void Process(int index, INetwork network, SeededRandom random)
    {
        random.Reseed(_options.Seed, _firstBirth + index - _firstChild);
        Span<float> child = Row(_children, index);
        if (_generation == 0)
            SearchOperators.FillUniform(child, _options.InitialRange, random);
        else
        {
            ReadOnlySpan<float> first = Row(_parents, SearchOperators.Tournament(_parentLosses, _options.TournamentSize, random));
            if (_options.CrossoverRate > 0f && random.NextDouble() < _options.CrossoverRate)
            {
                ReadOnlySpan<float> second = Row(_parents, SearchOperators.Tournament(_parentLosses, _options.TournamentSize, random));
                if (_options.Crossover == CrossoverKind.Uniform) SearchOperators.UniformCrossover(first, second, child, random);
                else SearchOperators.OnePointCrossover(first, second, child, random);
            }
            else first.CopyTo(child);
            SearchOperators.GaussianMutation(child, _options.MutationRate, _options.MutationStandardDeviation, random);
        }
        child.CopyTo(network.Parameters);
        _childLosses[index] = Evaluate(network, out _childSolved[index]);
    }

    // The EliteCount lowest losses among the parents, ties to the lower index, copied in rank order. None of them
    // solved the task, or the run would have ended, and they are not evaluated again.
    private int CopyElites()
    {
        Array.Clear(_isElite);
        for (int rank = 0; rank < _options.EliteCount; rank++)
        {
            int best = -1;
            for (int i = 0; i < _parentLosses.Length; i++)
                if (!_isElite[i] && (best < 0 || _parentLosses[i] < _parentLosses[best])) best = i;
            _isElite[best] = true;
            Row(_parents, best).CopyTo(Row(_children, rank));
            _childLosses[rank] = _parentLosses[best];
            _childSolved[rank] = false;
        }
        return _options.EliteCount;
    }

    // Walks the new children in birth order: counts evaluations up to the first solution, keeps the best ever.
    private void Summarise(int end)
    {
        float generationBest = float.PositiveInfinity;
        double sum = 0;
        int finite = 0;
        for (int i = 0; i < end; i++)
        {
            float loss = _childLosses[i];
            generationBest = Math.Min(generationBest, loss);
            if (float.IsFinite(loss))
            {
                sum += loss;
                finite++;
            }
            if (i < _firstChild || _solved) continue; // elites are already counted and cannot beat the best
            _evaluations++;
            if (_childSolved[i] || loss < _bestLoss || !_hasBest)
            {
                Row(_children, i).CopyTo(_best);
                (_bestLoss, _hasBest, _solved) = (loss, true, _childSolved[i]);
            }
        }
        _history.Add(new GenerationSummary(_generation, _evaluations, generationBest, finite == 0 ? float.NaN : (float)(sum / finite)));
    }

    private Span<float> Row(float[] block, int index) => block.AsSpan(index * _genes, _genes);
}
