namespace NetGen.Model;

/// <summary>One of the network's tensors as compiled in: where its values go and the values themselves.</summary>
/// <param name="Name">Its state_dict name, e.g. <c>Hidden.weight</c>.</param>
/// <param name="Description">What the file held, for the generated comment: <c>F16 [4, 2]</c>.</param>
/// <param name="Block">Parameters, Buffers or Counters.</param>
/// <param name="Offset">Its first value's index in the block.</param>
/// <param name="Count">Its number of values.</param>
/// <param name="Base64">A float tensor's values as float32 little-endian bytes, base64 (empty for a counter).</param>
/// <param name="Counter">A counter's value (0 for a float tensor).</param>
internal sealed record EmbeddedTensor(string Name, string Description, TensorBlock Block, int Offset, int Count, string Base64, long Counter);

/// <summary>
/// A weights file checked against a network and converted for embedding: plain, equatable data (the values as
/// base64 strings), so that the generator's cache compares it by content.
/// </summary>
/// <param name="FileName">The file as <c>[Network(Weights)]</c> names it.</param>
/// <param name="Tensors">The network's tensors in state_dict order.</param>
internal sealed record EmbeddedWeights(string FileName, EquatableArray<EmbeddedTensor> Tensors);
