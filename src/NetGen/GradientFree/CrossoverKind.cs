namespace NetGen;

/// <summary>How <see cref="GeneticAlgorithm"/> combines two parents' parameters.</summary>
public enum CrossoverKind
{
    /// <summary>Each parameter from either parent with probability ½ (<see cref="SearchOperators.UniformCrossover"/>).</summary>
    Uniform,

    /// <summary>A prefix from one parent and the rest from the other (<see cref="SearchOperators.OnePointCrossover"/>).</summary>
    OnePoint,
}
