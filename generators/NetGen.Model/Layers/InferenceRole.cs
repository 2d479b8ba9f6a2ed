namespace NetGen.Model;

/// <summary>What a layer kind becomes in the packed inference form (<see cref="LayerKindDescriptor.InferenceRole"/>; the plan is <c>InferencePlan</c>, in the generator).</summary>
internal enum InferenceRole
{
    /// <summary>Not supported by the inference form yet: a network with such a layer gets no <c>Inference</c> class.</summary>
    None,

    /// <summary>The network's input.</summary>
    Input,

    /// <summary>z = W·x + b, packed as Wᵀ <c>[in, stride]</c> (dense).</summary>
    Affine,

    /// <summary>z = x·s + t per feature in evaluation (batch normalisation by its running statistics); over features only.</summary>
    FeatureScale,

    /// <summary>The identity in evaluation (dropout): no stage at all.</summary>
    Identity,

    /// <summary>
    /// A recurrent layer (Elman, LSTM, GRU): its gates' products packed as one Wᵀ <c>[in + hidden, columns]</c> over the
    /// input and the previous hidden state stacked, then the kind's cell; state kept between the form's steps.
    /// </summary>
    Recurrent,
}
