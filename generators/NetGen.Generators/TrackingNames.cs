namespace NetGen.Generators;

/// <summary>Names of the pipeline's steps, so tests can check what was cached.</summary>
internal static class TrackingNames
{
    public const string NetworkSpecs = nameof(NetworkSpecs);
    public const string ValidNetworks = nameof(ValidNetworks);
    public const string InvalidNetworks = nameof(InvalidNetworks);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string NetworkBuilds = nameof(NetworkBuilds);
}
