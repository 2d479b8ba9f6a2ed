namespace NetGen;

/// <summary>One layer's result from <see cref="Pretraining.Autoencoders"/>.</summary>
/// <param name="LayerName">The network layer.</param>
/// <param name="Autoencoder">The trained autoencoder; its encoder has been copied into the layer.</param>
/// <param name="InitialError">Reconstruction error of the layer's inputs before training (from the layer's initial weights).</param>
/// <param name="FinalError">Reconstruction error after training.</param>
public sealed record AutoencoderLayer(string LayerName, Autoencoder Autoencoder, double InitialError, double FinalError);
