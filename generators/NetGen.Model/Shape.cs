using System.Linq;

namespace NetGen.Model;

/// <summary>
/// What a layer reads or writes per sample, without the batch axis: features; steps × features (the steps known
/// only at run time); and, for the layer kinds to come, channels × length or channels × height × width.
/// </summary>
/// <param name="Dimensions">The sizes after the batch (and the steps), outermost first.</param>
/// <param name="HasSteps">One such value per time step.</param>
internal sealed record Shape(EquatableArray<int> Dimensions, bool HasSteps)
{
    /// <summary>A vector of <paramref name="features"/> values, per step when <paramref name="hasSteps"/>.</summary>
    public static Shape Features(int features, bool hasSteps) => new(new EquatableArray<int>([features]), hasSteps);

    /// <summary>Values per sample (per step when the shape has steps): the product of the dimensions.</summary>
    public int Size => Dimensions.Aggregate(1, (product, dimension) => product * dimension);

    /// <summary>As Keras' model.summary() prints it: <c>(None, 16)</c>, <c>(None, T, 16)</c>, <c>(None, 16, 28, 28)</c>.</summary>
    public override string ToString()
        => "(None, " + (HasSteps ? "T, " : "") + string.Join(", ", Dimensions.Select(dimension => dimension.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
}
