using EventPipeline.Api;

namespace EventPipeline.Bench.Floor;

/// <summary>
/// Runs the API's own Program with the floor modes registered after its services, so the floor
/// differs from the production API in those modes alone (and in nothing when both are off).
/// </summary>
public static class FloorApiHost
{
    public static void Main(string[] args) =>
        ApiComposition.Run(args, builder => builder.Services.AddComparisonModes(builder.Configuration));
}
