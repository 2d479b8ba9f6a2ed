namespace NetGen;

/// <summary>Reported by <see cref="Pretraining"/> after each epoch of one layer's unsupervised training.</summary>
/// <param name="LayerName">The network layer being pre-trained.</param>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="ReconstructionError">The mean squared reconstruction error of the layer's training inputs after it
/// (<see cref="Rbm.ReconstructionError"/> or <see cref="Autoencoder.ReconstructionError"/>).</param>
public sealed record PretrainingEpoch(string LayerName, int Epoch, double ReconstructionError);
