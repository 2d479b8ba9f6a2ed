using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Model;

namespace NetGen.Analyzers;

/// <summary>Every diagnostic NetGen reports: ID, title, message, category, severity and help link, in one place.</summary>
internal static class DiagnosticDescriptors
{
    private const string GradientFlow = "NetGen.GradientFlow";
    private const string Definition = "NetGen.Definition";

    public static readonly DiagnosticDescriptor VanishingGradient = Warning("NG0001", GradientFlow,
        "Vanishing gradient predicted",
        "{0}: {1} {2} layers without a skip connection; predicted gradient ratio {3} (χ ≈ {4} per layer, {5})");

    /// <summary>NG0002: {4} names the cause when the network shows it ("; 32 BatchNorm layers without skip connections ..."), else is empty.</summary>
    public static readonly DiagnosticDescriptor ExplodingGradient = Warning("NG0002", GradientFlow,
        "Exploding gradient or activations predicted",
        "{0}: predicted gradient ratio {1} and forward variance growth ×{2} over {3} layers{4}");

    public static readonly DiagnosticDescriptor InitMismatch = Warning("NG0003", GradientFlow,
        "Initialisation does not suit the activation",
        "{0}: {1} initialisation with {2}; predicted δ-gain {3} and forward variance ratio {4} over the stack (use {5})");

    public static readonly DiagnosticDescriptor RecurrentVanishing = Warning("NG0004", GradientFlow,
        "Simple recurrent layer forgets over the sequence",
        "{0}: a simple recurrent layer over {1} steps; predicted gradient from the last step to the first {2} (≈ {3} per step): use [Lstm]");

    /// <summary>
    /// NG0006, for every kind with a memory gate: {6} is the kind ("LSTM", "GRU"), {7} the attribute property that sets
    /// the gate's bias ("ForgetBias", "UpdateBias").
    /// </summary>
    public static readonly DiagnosticDescriptor ShortGatedMemory = new("NG0006",
        "LSTM or GRU memory at initialisation is short",
        "{0}: the {6}'s memory at initialisation with {7} = {1} is τ = {2} steps, under {5} × SequenceLength = {3}: set {7} = {4}",
        GradientFlow, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink("NG0006"));

    public static readonly DiagnosticDescriptor ResidualGrowth = Warning("NG0005", GradientFlow,
        "Residual stack grows without scaling",
        "{0}: {1} residual connections without scaling; activations' mean square grows ×{2} (∏(1 + branch gain))");

    public static readonly DiagnosticDescriptor SaturatingOutputWithMse = Warning("NG0007", GradientFlow,
        "Probability output trained with mean squared error",
        "{0} has a {1} output trained with MeanSquaredError: its derivative vanishes on confident mistakes (use {2})");

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(DiagnosticIds.ClassNotPartial,
        "Network class must be partial", "Network class '{0}' must be declared partial so that NetGen can implement it");
    public static readonly DiagnosticDescriptor MissingInput = Error(DiagnosticIds.MissingInput,
        "Network has no input", "Network '{0}' has no [Input] layer: declare exactly one, first");
    public static readonly DiagnosticDescriptor InputNotFirst = Error(DiagnosticIds.InputNotFirst,
        "Input must be the one first layer", "'{0}': [Input] must be declared exactly once, as the first layer");
    public static readonly DiagnosticDescriptor NonPositiveSize = Error(DiagnosticIds.NonPositiveSize,
        "Layer size must be positive", "'{0}' has size {1}: sizes must be positive");
    public static readonly DiagnosticDescriptor TooLarge = Error(DiagnosticIds.TooLarge,
        "Layer or network too large", "'{0}' needs {1}; the most NetGen accepts is {2}");
    public static readonly DiagnosticDescriptor ResidualUnknown = Error(DiagnosticIds.ResidualUnknown,
        "Residual names no layer", "'{0}': Residual = \"{1}\" names no layer of this network (use nameof(EarlierLayer))");
    public static readonly DiagnosticDescriptor ResidualNotEarlier = Error(DiagnosticIds.ResidualNotEarlier,
        "Residual must name an earlier layer", "'{0}': Residual = \"{1}\" must name a layer declared before it");
    public static readonly DiagnosticDescriptor ResidualSizeMismatch = Error(DiagnosticIds.ResidualSizeMismatch,
        "Residual shapes differ", "'{0}' outputs {1} but its residual '{2}' outputs {3}: shapes must match (the identity path adds them value by value)");
    public static readonly DiagnosticDescriptor WrongPropertyType = Error(DiagnosticIds.WrongPropertyType,
        "Layer property has the wrong type", "'{0}' must be of type {1} to carry [{2}], not {3}");
    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(DiagnosticIds.SoftmaxNotLast,
        "Softmax only on the last layer", "'{0}': Softmax is only allowed on the output layer, a dense one");
    public static readonly DiagnosticDescriptor LossOutputMismatch = Error(DiagnosticIds.LossOutputMismatch,
        "Loss does not match the output activation", "Loss.{0} needs {1} output, but '{2}' uses {3}");
    public static readonly DiagnosticDescriptor PropertyNotPartial = Error(DiagnosticIds.PropertyNotPartial,
        "Layer property must be a partial get-only instance property", "'{0}' must be declared 'public partial {1} {0} {{ get; }}' (partial, get-only, not static, virtual, abstract or override)");
    public static readonly DiagnosticDescriptor DuplicateTensorName = Error(DiagnosticIds.DuplicateTensorName,
        "Duplicate tensor name", "Tensor name '{0}' of '{1}' is already used by '{2}'");
    public static readonly DiagnosticDescriptor NoLayers = Error(DiagnosticIds.NoLayers,
        "Network has no layers", "Network '{0}' has no layer with parameters after its input");
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(DiagnosticIds.ContainingTypeNotPartial,
        "Containing type must be partial", "Network '{0}' is nested in '{1}', which must be declared partial too");
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(DiagnosticIds.UndefinedEnumValue,
        "Undefined enum value", "{0} is not a defined {1} value");
    public static readonly DiagnosticDescriptor ResidualOnProbabilityOutput = Error(DiagnosticIds.ResidualOnProbabilityOutput,
        "Residual on a probability output", "'{0}': a residual connection would break the probabilities that Loss.{1} needs");

    public static readonly DiagnosticDescriptor UnsupportedClassKind = Error(DiagnosticIds.UnsupportedClassKind,
        "Network must be a plain class", "Network '{0}' is {1}: a network must be a non-abstract, non-static partial class");

    public static readonly DiagnosticDescriptor RecurrentAfterReduction = Error(DiagnosticIds.RecurrentAfterReduction,
        "Recurrent layer after the sequence ended", "'{0}' is recurrent but the layer before it sees only the last time step: set ReturnSequences = true on the recurrent layer before it");
    public static readonly DiagnosticDescriptor ResidualAcrossSequence = Error(DiagnosticIds.ResidualAcrossSequence,
        "Residual across the end of a sequence", "'{0}': Residual = \"{1}\" joins a per-step output with a last-step one");

    public static readonly DiagnosticDescriptor ReservedLayerName = Error(DiagnosticIds.ReservedLayerName,
        "Layer name taken by a generated member", "'{0}' is the name of a member NetGen generates: name the layer property otherwise (its tensor name can stay '{0}' with Name = \"{0}\")");

    public static readonly DiagnosticDescriptor InputShapeMismatch = Error(DiagnosticIds.InputShapeMismatch,
        "Layer input has the wrong number of dimensions", "'{0}': [{1}] reads {2}, but the layer before it outputs {3}");
    public static readonly DiagnosticDescriptor WindowDoesNotFit = Error(DiagnosticIds.WindowDoesNotFit,
        "Window larger than its padded input", "'{0}': its window ({1}) does not fit its input {2}: the output would be {3}");
    public static readonly DiagnosticDescriptor InvalidWindow = Error(DiagnosticIds.InvalidWindow,
        "Invalid window argument", "'{0}': {1} = {2} is not allowed: {3}");
    public static readonly DiagnosticDescriptor InvalidRate = Error(DiagnosticIds.InvalidRate,
        "Dropout probability outside [0, 1)", "'{0}': the dropout probability {1} is not in [0, 1)");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(DiagnosticIds.WeightsFileNotFound,
        "Weights file not found or unreadable", "Weights = \"{0}\": {1}");
    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(DiagnosticIds.WeightsFileInvalid,
        "Weights file is not valid safetensors", "'{0}' is not a valid safetensors file for this network: {1}");
    public static readonly DiagnosticDescriptor WeightsTensorMissingOrExtra = Error(DiagnosticIds.WeightsTensorMissingOrExtra,
        "Weights file lacks a tensor or holds an extra one", "'{0}': tensor '{1}' {2}");
    public static readonly DiagnosticDescriptor WeightsTensorMismatch = Error(DiagnosticIds.WeightsTensorMismatch,
        "Weights tensor has the wrong shape or dtype", "'{0}': tensor '{1}' is {2}; the network expects {3}");

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        VanishingGradient, ExplodingGradient, InitMismatch, RecurrentVanishing, ResidualGrowth, ShortGatedMemory, SaturatingOutputWithMse,
        ClassNotPartial, MissingInput, InputNotFirst, NonPositiveSize, TooLarge, ResidualUnknown, ResidualNotEarlier,
        ResidualSizeMismatch, WrongPropertyType, SoftmaxNotLast, LossOutputMismatch, PropertyNotPartial,
        DuplicateTensorName, NoLayers, ContainingTypeNotPartial, UndefinedEnumValue, ResidualOnProbabilityOutput, UnsupportedClassKind,
        RecurrentAfterReduction, ResidualAcrossSequence, ReservedLayerName, InputShapeMismatch, WindowDoesNotFit, InvalidWindow, InvalidRate,
        WeightsFileNotFound, WeightsFileInvalid, WeightsTensorMissingOrExtra, WeightsTensorMismatch);

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor ForId(string id) => ById[id];

    /// <summary>
    /// The address every help link starts with: where the repository's docs/diagnostics/ folder (one page per ID,
    /// NGxxxx.md) is to be published. The only place the address is written: the tests compare the descriptors and the
    /// build output quoted in the docs with this constant, so a move is a change of this line (and of those quotes).
    /// Until the repository is published there, the pages are docs/diagnostics/NGxxxx.md in a clone (as
    /// docs/diagnostics/README.md says).
    /// </summary>
    public const string HelpLinkRoot = "https://github.com/netgen-dev/netgen/blob/main/docs/diagnostics/";

    /// <summary>Each diagnostic's page: docs/diagnostics/NGxxxx.md under <see cref="HelpLinkRoot"/>.</summary>
    public static string HelpLink(string id) => HelpLinkRoot + id + ".md";

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message)
        => new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Definition, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
