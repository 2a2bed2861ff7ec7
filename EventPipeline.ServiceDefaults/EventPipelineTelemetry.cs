namespace Microsoft.Extensions.Hosting;

// Every EventPipeline meter and activity source is named "EventPipeline.<Component>", so the
// defaults can register them all with one wildcard and each service only names its own.
public static class EventPipelineTelemetry
{
    public const string MeterPrefix = "EventPipeline.";
    public const string ActivitySourcePrefix = "EventPipeline.";
}
