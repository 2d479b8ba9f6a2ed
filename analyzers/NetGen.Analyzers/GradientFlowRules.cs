using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using NetGen.Model;

namespace NetGen.Analyzers;

/// <summary>
/// A gradient-flow warning: which rule, its message arguments, the layers it concerns (the first is where
/// it is shown) and what the code fixes need to know, keyed by property name (see <see cref="FixProperties"/>).
/// </summary>
internal sealed record GradientFlowFinding(string Id, string[] MessageArguments, int[] Layers, string ArgumentName, IReadOnlyDictionary<string, string?>? Properties = null);

/// <summary>Keys of the diagnostic properties that carry a fix's plan from the analyzer to the code fixes.</summary>
internal static class FixProperties
{
    /// <summary>"init:{Property}" → the Init member that suits the layer's activation.</summary>
    public static string Init(string property) => "init:" + property;

    /// <summary>
    /// "{biasProperty}:{Property}" with the bias property in camel case ("forgetBias:Memory" for an LSTM, "updateBias:Memory"
    /// for a GRU) → the value of the layer kind's <see cref="LayerKindDescriptor.MemoryBiasProperty"/> that gives the layer a
    /// long enough memory. The key names the attribute property the fix writes.
    /// </summary>
    public static string MemoryBias(string biasProperty, string property)
        => char.ToLowerInvariant(biasProperty[0]) + biasProperty.Substring(1) + ":" + property;

    /// <summary>
    /// The memory-bias plan for layer <paramref name="property"/> in <paramref name="properties"/>: which attribute property
    /// to set (any kind's <see cref="LayerKindDescriptor.MemoryBiasProperty"/> whose key is there) and to what.
    /// </summary>
    public static bool TryGetMemoryBias(IReadOnlyDictionary<string, string?> properties, string property, out string biasProperty, out string value)
    {
        foreach (LayerKindDescriptor kind in LayerKinds.All)
        {
            if (kind.MemoryBiasProperty is { } name && properties.TryGetValue(MemoryBias(name, property), out string? written) && written is not null)
            {
                biasProperty = name;
                value = written;
                return true;
            }
        }
        biasProperty = value = "";
        return false;
    }

    /// <summary>The memory-bias property a plan in <paramref name="properties"/> sets (e.g. "UpdateBias"), or null.</summary>
    public static string? MemoryBiasPropertyIn(IReadOnlyDictionary<string, string?> properties)
    {
        foreach (LayerKindDescriptor kind in LayerKinds.All)
        {
            if (kind.MemoryBiasProperty is { } name && properties.Keys.Any(key => key.StartsWith(MemoryBias(name, ""), StringComparison.Ordinal)))
                return name;
        }
        return null;
    }

    /// <summary>"residual:{Property}" → the earlier layer to add as its residual.</summary>
    public static string Residual(string property) => "residual:" + property;

    /// <summary>"batchNorm:{Property}" → the name of the BatchNorm property to insert after the layer (made linear).</summary>
    public static string BatchNorm(string property) => "batchNorm:" + property;
}

/// <summary>
/// The rules of SPEC §4 over the network model and its prediction. Pure functions of figures and
/// structure, so the calibration test can apply the same rules to measured figures.
/// </summary>
internal static class GradientFlowRules
{
    /// <summary>The figures a verdict depends on: predicted at compile time or measured at run time.</summary>
    internal readonly record struct FlowFigures(double Ratio, double DeltaGain, double ForwardGrowth, double ActivationGrowth);

    public static FlowFigures Predicted(GradientFlowPrediction prediction, NetworkSpec spec)
        => new(prediction.Ratio, prediction.DeltaGain, prediction.ForwardGrowth, prediction.Layers[LastHiddenWeightLayer(spec)].OutputMeanSquare);

    /// <summary>
    /// Where NG0005 reads the activations' growth: the last hidden layer with weights, the end of a residual stack before
    /// the head (before any pooling, which would average its growth away); the input (0) when there is none.
    /// </summary>
    public static int LastHiddenWeightLayer(NetworkSpec spec)
    {
        int[] weights = spec.WeightLayers;
        return weights.Length >= 2 ? weights[weights.Length - 2] : 0;
    }

    public static bool IsVanishing(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
        => SaturatingHiddenLayers(spec).Length >= 2 && !HasResidual(spec) && figures.Ratio < thresholds.VanishingRatio;

    public static bool IsExploding(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
        => figures.Ratio > thresholds.ExplodingRatio || (!HasResidual(spec) && figures.ForwardGrowth > thresholds.ExplodingForwardGrowth);

    public static bool IsInitMismatch(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
        => MismatchedInitLayers(spec).Length > 0 && !HasResidual(spec)
           && (Outside(figures.DeltaGain, thresholds) || Outside(figures.ForwardGrowth, thresholds));

    public static bool IsResidualGrowth(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
        => HasResidual(spec) && figures.ActivationGrowth > thresholds.ResidualGrowth;

    public static IEnumerable<GradientFlowFinding> Evaluate(NetworkSpec spec, GradientFlowPrediction prediction, Thresholds thresholds, CancellationToken cancellationToken)
    {
        FlowFigures figures = Predicted(prediction, spec);
        int[] weights = spec.WeightLayers;
        int[] hidden = weights.Take(weights.Length - 1).ToArray(); // NG0002's locations: their Init (pooling has none)
        if (IsVanishing(spec, figures, thresholds))
        {
            int[] stack = SaturatingHiddenLayers(spec);
            LayerSpec first = spec.Layers[stack[0]], last = spec.Layers[stack[stack.Length - 1]];
            string activations = string.Join("/", stack.Select(i => spec.Layers[i].Activation.ToString().ToLowerInvariant()).Distinct());
            string inits = string.Join("/", stack.Select(i => Describe(spec.Layers[i].Init)).Distinct());
            yield return new GradientFlowFinding(DiagnosticDescriptors.VanishingGradient.Id,
                [Range(first, last), Count(stack.Length), activations, Figure(prediction.Ratio),
                 Figure(GradientFlowEstimator.MeanBackwardGain(spec, prediction)), inits],
                stack, "activation", ResidualPlan(spec, stack, 2).Concat(BatchNormPlan(spec, stack)).ToDictionary(pair => pair.Key, pair => pair.Value));
        }
        if (IsExploding(spec, figures, thresholds) && hidden.Length > 0)
        {
            yield return new GradientFlowFinding(DiagnosticDescriptors.ExplodingGradient.Id,
                [Range(spec.Layers[1], spec.Output), Figure(prediction.Ratio), Figure(prediction.ForwardGrowth), Count(spec.Layers.Count - 1),
                 ExplosionCause(spec, figures, thresholds)],
                hidden, "Init", IsBatchNormExplosion(spec, figures, thresholds) ? ResidualPlan(spec, BatchNormLayers(spec), 1) : null);
        }
        if (IsInitMismatch(spec, figures, thresholds))
        {
            int[] mismatched = MismatchedInitLayers(spec);
            LayerSpec first = spec.Layers[mismatched[0]];
            yield return new GradientFlowFinding(DiagnosticDescriptors.InitMismatch.Id,
                [Range(first, spec.Layers[mismatched[mismatched.Length - 1]]), Describe(first.Init), first.Activation.ToString().ToLowerInvariant(),
                 Figure(prediction.DeltaGain), Figure(prediction.ForwardGrowth), "Init." + RecommendedInit(first.Activation)],
                mismatched, "Init", mismatched.ToDictionary(i => FixProperties.Init(spec.Layers[i].PropertyName), i => (string?)RecommendedInit(spec.Layers[i].Activation).ToString()));
        }
        if (IsResidualGrowth(spec, figures, thresholds))
        {
            int[] residual = spec.Layers.Where(layer => layer.HasResidual).Select(layer => layer.Index).ToArray();
            yield return new GradientFlowFinding(DiagnosticDescriptors.ResidualGrowth.Id,
                [Range(spec.Layers[residual[0]], spec.Layers[residual[residual.Length - 1]]), Count(residual.Length), Figure(figures.ActivationGrowth)],
                residual, "Residual");
        }
        foreach (GradientFlowFinding finding in EvaluateRecurrent(spec, prediction, thresholds, cancellationToken)) yield return finding;
        if (spec.Loss == Loss.MeanSquaredError && spec.Output.Activation == Activation.Sigmoid)
        {
            yield return new GradientFlowFinding(DiagnosticDescriptors.SaturatingOutputWithMse.Id,
                [spec.Output.PropertyName, "sigmoid", "Loss.BinaryCrossEntropy"], [spec.Output.Index], "activation");
        }
    }

    /// <summary>
    /// Residual connections every <paramref name="step"/> layers of a stack: layer j of the stack gets Residual = layer
    /// j − step, where the shapes match, so each group becomes a block with an identity path around it. NG0001 takes
    /// pairs of saturating layers (step 2); NG0002's BatchNorm cause takes each BatchNorm after the first (step 1: the
    /// ResNet form, Dense or Conv → BatchNorm(φ) with the previous block's output added).
    /// </summary>
    private static Dictionary<string, string?> ResidualPlan(NetworkSpec spec, int[] stack, int step)
    {
        var plan = new Dictionary<string, string?>();
        for (int j = step; j < stack.Length; j += step)
        {
            LayerSpec layer = spec.Layers[stack[j]], source = spec.Layers[stack[j - step]];
            if (layer.OutputShape == source.OutputShape && !layer.HasResidual) plan[FixProperties.Residual(layer.PropertyName)] = source.PropertyName;
        }
        return plan;
    }

    /// <summary>
    /// NG0002's cause when batch normalisation without skip connections explains a gradient ratio past the bar: each such
    /// layer multiplies δ² by E[φ′²]/Var[φ] ≥ 1 (see NormalizationFlow). Empty otherwise (the init is then the usual cause,
    /// which NG0003 names).
    /// </summary>
    private static string ExplosionCause(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
    {
        int norms = BatchNormLayers(spec).Length;
        return IsBatchNormExplosion(spec, figures, thresholds)
            ? "; " + Count(norms) + " BatchNorm layer" + (norms == 1 ? "" : "s") + " without skip connections amplify the gradient at initialisation (add Residual connections)"
            : "";
    }

    /// <summary>Whether NG0002 names batch normalisation without skip connections as its cause (and offers residuals as its fix).</summary>
    private static bool IsBatchNormExplosion(NetworkSpec spec, FlowFigures figures, Thresholds thresholds)
        => BatchNormLayers(spec).Length > 0 && !HasResidual(spec) && figures.Ratio > thresholds.ExplodingRatio;

    /// <summary>The layers that normalise with batch statistics, in order.</summary>
    private static int[] BatchNormLayers(NetworkSpec spec)
        => spec.Layers.Where(layer => layer.Descriptor.UsesBatchStatistics).Select(layer => layer.Index).ToArray();

    /// <summary>
    /// NG0001's "add BatchNorm" plan, where it is sound: a feed-forward network of Dense layers only (no convolution,
    /// recurrence, pooling or normalisation already), without residuals. Each saturating hidden layer of the stack becomes
    /// linear and is followed by <c>[BatchNorm(its activation)]</c>, whose property gets the first free name of
    /// "{Property}Norm", "{Property}Norm2", …
    /// </summary>
    private static Dictionary<string, string?> BatchNormPlan(NetworkSpec spec, int[] stack)
    {
        var plan = new Dictionary<string, string?>();
        if (spec.Layers.Any(layer => layer.Index > 0 && layer.Kind != LayerKind.Dense) || HasResidual(spec)) return plan;
        var taken = new HashSet<string>(spec.Layers.Select(layer => layer.PropertyName), StringComparer.Ordinal);
        foreach (int index in stack)
        {
            string property = spec.Layers[index].PropertyName, name = property + "Norm";
            for (int suffix = 2; !taken.Add(name); suffix++) name = property + "Norm" + Count(suffix);
            plan[FixProperties.BatchNorm(property)] = name;
        }
        return plan;
    }

    /// <summary>
    /// NG0004 for each simple recurrent layer whose gradient fades over SequenceLength steps, NG0006 for each
    /// gated layer (LSTM, GRU: a kind with a memory gate) whose memory at initialisation is shorter than a tenth of it
    /// (netgen.lstm_memory_fraction, which despite its name applies to every gated kind). Nothing without a SequenceLength.
    /// </summary>
    private static IEnumerable<GradientFlowFinding> EvaluateRecurrent(NetworkSpec spec, GradientFlowPrediction prediction, Thresholds thresholds, CancellationToken cancellationToken)
    {
        int steps = spec.SequenceLength;
        if (steps <= 1) yield break;
        RecurrentDecay?[] decays = prediction.Decays();
        foreach (LayerSpec layer in spec.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!layer.IsRecurrentKind) continue;
            double logFigure = RecurrentFlow.LogGradientOverSequence(spec, decays, layer.Index, steps);
            if (IsRecurrentVanishing(layer, logFigure, thresholds))
                yield return new GradientFlowFinding(DiagnosticDescriptors.RecurrentVanishing.Id,
                    [layer.PropertyName, Count(steps), Figure(Math.Exp(logFigure)), Figure(Math.Exp(logFigure / (steps - 1)))], [layer.Index], "attribute");
            if (IsShortGatedMemory(layer, logFigure, thresholds) && layer.Descriptor.MemoryBiasProperty is { } biasProperty)
            {
                string bias = SuggestedMemoryBias(spec, layer, steps, thresholds);
                yield return new GradientFlowFinding(DiagnosticDescriptors.ShortGatedMemory.Id,
                    [layer.PropertyName, Figure(layer.MemoryBias), Figure(RecurrentFlow.Memory(logFigure, steps)), Figure(steps * thresholds.LstmMemoryFraction), bias,
                     Figure(thresholds.LstmMemoryFraction), KindName(layer), biasProperty],
                    [layer.Index], biasProperty, new Dictionary<string, string?> { [FixProperties.MemoryBias(biasProperty, layer.PropertyName)] = bias });
            }
        }
    }

    /// <summary>
    /// A simple recurrent layer whose typical gradient over the sequence, F (<see cref="RecurrentFlow.LogGradientOverSequence"/>
    /// gives ln F), is under the threshold. The message's per-step figure is F^(1/(T − 1)): the layer's own g when it is
    /// alone, the pace the layers above lend it in a stack.
    /// </summary>
    public static bool IsRecurrentVanishing(LayerSpec layer, double logFigure, Thresholds thresholds)
        => layer.IsRecurrentKind && layer.Descriptor.MemoryGate < 0 && logFigure < Math.Log(thresholds.RecurrentGradient);

    /// <summary>
    /// A layer with a memory gate (LSTM, GRU) whose state gradient over the sequence, F, is under e^(−2/fraction): its
    /// memory τ = −2T/ln F under T × the fraction (e^(−20), τ &lt; T/10, by default).
    /// </summary>
    public static bool IsShortGatedMemory(LayerSpec layer, double logFigure, Thresholds thresholds)
        => layer.Descriptor.MemoryGate >= 0 && logFigure < LogGatedThreshold(thresholds);

    /// <summary>ln of NG0006's bar on the state gradient over the sequence: −2/fraction.</summary>
    public static double LogGatedThreshold(Thresholds thresholds) => -2 / thresholds.LstmMemoryFraction;

    /// <summary>The kind as NG0006's message names it: "LSTM", "GRU".</summary>
    private static string KindName(LayerSpec layer) => layer.Kind.ToString().ToUpperInvariant();

    /// <summary>1, or the bias (rounded up to a tenth) that lifts the layer's figure to NG0006's bar when 1 is not enough.</summary>
    private static string SuggestedMemoryBias(NetworkSpec spec, LayerSpec layer, int steps, Thresholds thresholds)
        => RecurrentFlow.MemoryBiasFor(spec, layer.Index, steps, LogGatedThreshold(thresholds)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Hidden layers with sigmoid or tanh.</summary>
    public static int[] SaturatingHiddenLayers(NetworkSpec spec)
        => spec.Layers.Where(layer => layer.Index > 0 && layer.Index < spec.Layers.Count - 1 && ActivationCatalog.Of(layer.Activation).IsSaturating)
            .Select(layer => layer.Index).ToArray();

    /// <summary>
    /// Feed-forward weight layers (dense, convolution) whose init is not the one their activation calls for (He for the
    /// ReLU family, Glorot otherwise). A recurrent layer's init is judged through time (NG0004, NG0006), not here.
    /// </summary>
    public static int[] MismatchedInitLayers(NetworkSpec spec)
        => spec.Layers.Where(layer => layer.Descriptor.HasParameters && !layer.IsRecurrentKind && layer.Index < spec.Layers.Count - 1
                && layer.Init is Init.Glorot or Init.He or Init.LeCun or Init.Zeros
                && layer.Init != RecommendedInit(layer.Activation))
            .Select(layer => layer.Index).ToArray();

    public static Init RecommendedInit(Activation activation) => ActivationCatalog.Of(activation).AutoInit;

    private static bool HasResidual(NetworkSpec spec) => spec.Layers.Any(layer => layer.HasResidual);

    private static bool Outside(double value, Thresholds thresholds) => !(value >= thresholds.InitGainMin && value <= thresholds.InitGainMax);

    private static string Range(LayerSpec first, LayerSpec last) => first.Index == last.Index ? first.PropertyName : first.PropertyName + "–" + last.PropertyName;

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Describe(Init init) => init.ToString();

    private static string Figure(double value) => NetGen.Model.Figures.Format(value);
}
