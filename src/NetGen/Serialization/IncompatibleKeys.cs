using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// What <see cref="SafeTensors.Load(INetwork, string, bool, bool, TensorNameMap?)"/> did not match, as PyTorch's
/// <c>load_state_dict</c> returns it (<c>_IncompatibleKeys</c>). Both lists are empty after a load that matched exactly.
/// </summary>
/// <param name="MissingKeys">The network's tensors the file does not hold (their values were left as they were), in network order.</param>
/// <param name="UnexpectedKeys">The file's tensors that match no tensor of the network, as the file names them, in ordinal order. Tensors a <see cref="TensorNameMap.Map"/> skipped are not listed.</param>
public sealed record IncompatibleKeys(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys)
{
    /// <summary>True when every tensor of the network was loaded and every tensor of the file was used.</summary>
    public bool IsEmpty => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;
}
