using System;

namespace NetGen;

/// <summary>What turned non-finite when training diverged.</summary>
public enum DivergedQuantity
{
    /// <summary>The loss of a step (its gradients were finite).</summary>
    Loss = 0,
    /// <summary>A gradient, found before the update, which was then not applied.</summary>
    Gradients = 1,
    /// <summary>A parameter, after the optimizer's update.</summary>
    Parameters = 2,
}

/// <summary>
/// Thrown by <see cref="Trainer.Train"/> when a loss, gradient or parameter becomes NaN or infinite. The network
/// then holds the parameters from before the failing step: the last good ones.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    internal TrainingDivergedException(string message, long step, int epoch, DivergedQuantity quantity, int layerIndex, string layerName)
        : base(message)
    {
        Step = step;
        Epoch = epoch;
        Quantity = quantity;
        LayerIndex = layerIndex;
        LayerName = layerName;
    }

    /// <summary>The failing optimizer step, counted from 1 over the whole run.</summary>
    public long Step { get; }

    /// <summary>The epoch of the failing step, counted from 1.</summary>
    public int Epoch { get; }

    /// <summary>What turned non-finite.</summary>
    public DivergedQuantity Quantity { get; }

    /// <summary>
    /// Index into <see cref="INetwork.Layers"/> of the layer named in the message: for gradients, the first one
    /// the backward pass reached (the one nearest the output) with a non-finite gradient, where an explosion
    /// overflowed; for parameters, the first in declaration order; for the loss, the output layer.
    /// </summary>
    public int LayerIndex { get; }

    /// <summary>The name of the layer at <see cref="LayerIndex"/>.</summary>
    public string LayerName { get; }
}
