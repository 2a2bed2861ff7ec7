using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EventPipeline.Client;

/// <summary>The client's trace source and meter, both named <see cref="Name"/>.</summary>
public static class EventPipelineTelemetry
{
    public const string Name = "EventPipeline.Client";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    internal static readonly Counter<long> Retries = s_meter.CreateCounter<long>("eventpipeline.client.retries", "{retry}",
        "Requests sent again, by reason (429, 503, no_answer).");

    internal static readonly Counter<long> TokenRequests = s_meter.CreateCounter<long>("eventpipeline.client.token_requests", "{request}",
        "Tokens fetched from the token endpoint.");
}
