namespace NetGen.Model;

/// <summary>The IDs of the diagnostics the parser can find; titles and messages live in the analyzer's catalog.</summary>
internal static class DiagnosticIds
{
    public const string ClassNotPartial = "NG1001";
    public const string MissingInput = "NG1002";
    public const string InputNotFirst = "NG1003";
    public const string NonPositiveSize = "NG1004";
    public const string TooLarge = "NG1005";
    public const string ResidualUnknown = "NG1006";
    public const string ResidualNotEarlier = "NG1007";
    public const string ResidualSizeMismatch = "NG1008";
    public const string WrongPropertyType = "NG1009";
    public const string SoftmaxNotLast = "NG1010";
    public const string LossOutputMismatch = "NG1011";
    public const string PropertyNotPartial = "NG1012";
    public const string DuplicateTensorName = "NG1013";
    public const string NoLayers = "NG1014";
    public const string ContainingTypeNotPartial = "NG1015";
    public const string UndefinedEnumValue = "NG1016";
    public const string ResidualOnProbabilityOutput = "NG1017";
    public const string UnsupportedClassKind = "NG1018";
    public const string RecurrentAfterReduction = "NG1019";
    public const string ResidualAcrossSequence = "NG1020";
    public const string ReservedLayerName = "NG1021";
    public const string InputShapeMismatch = "NG1022";
    public const string WindowDoesNotFit = "NG1023";
    public const string InvalidWindow = "NG1024";
    public const string InvalidRate = "NG1025";
    public const string WeightsFileNotFound = "NG1026";
    public const string WeightsFileInvalid = "NG1027";
    public const string WeightsTensorMissingOrExtra = "NG1028";
    public const string WeightsTensorMismatch = "NG1029";
}
