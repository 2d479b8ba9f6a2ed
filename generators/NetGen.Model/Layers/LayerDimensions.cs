// Shared source (see LayerKindDescriptor.cs).
namespace NetGen.Model;

/// <summary>
/// What a layer kind's tensors depend on: the layer's per-sample input and output dimensions (features; channels ×
/// length; channels × height × width) and, for a convolution, its window.
/// </summary>
internal readonly struct LayerDimensions(int[] input, int[] output, Window? window)
{
    /// <summary>A layer reading <paramref name="inputs"/> features into <paramref name="units"/>.</summary>
    public static LayerDimensions Features(int inputs, int units) => new([inputs], [units], null);

    /// <summary>Values read per sample: every input dimension multiplied (a dense layer flattens as torch.nn.Flatten).</summary>
    public int Inputs
    {
        get
        {
            int product = 1;
            foreach (int dimension in input) product *= dimension;
            return product;
        }
    }

    /// <summary>The first output dimension: a dense layer's units, a convolution's filters.</summary>
    public int Units => output.Length == 0 ? 0 : output[0];

    /// <summary>The first input dimension: a convolution's input channels.</summary>
    public int InChannels => input.Length == 0 ? 0 : input[0];

    /// <summary>A convolution's or pooling layer's window, else null.</summary>
    public Window? Window => window;

    /// <summary>The per-sample input dimensions, channels first.</summary>
    public int[] Input => input;

    /// <summary>The per-sample output dimensions, channels first.</summary>
    public int[] Output => output;

    /// <summary>Positions per input channel: the product of the spatial lengths (1 for features).</summary>
    public int InPositions => Positions(input);

    /// <summary>Positions per output channel.</summary>
    public int OutPositions => Positions(output);

    private static int Positions(int[] dimensions)
    {
        int product = 1;
        for (int axis = 1; axis < dimensions.Length; axis++) product *= dimensions[axis];
        return product;
    }
}
