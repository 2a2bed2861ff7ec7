namespace EventPipeline.Tests.Infrastructure;

// Tests carry a cost trait so scripts/test.sh can run the cheap ones first and stop early.
public static class TestCategories
{
    public const string Cost = "Cost";
    public const string Unit = "Unit";
    public const string Integration = "Integration";
    /// <summary>Attacks from outside over HTTP against the real services (issue 14): after Integration.</summary>
    public const string Security = "Security";
    /// <summary>Short runs of the resilience harness's fault scenarios (resilience/): after Integration.</summary>
    public const string Resilience = "Resilience";
    public const string EndToEnd = "EndToEnd";
    public const string Browser = "Browser";

    /// <summary>Not a test stage: docs/screenshots.sh runs these to refresh the README's pictures.</summary>
    public const string Screenshots = "Screenshots";
}
