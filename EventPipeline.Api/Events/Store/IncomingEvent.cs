
namespace EventPipeline.Api.Events.Store;

/// <summary>A validated event, ready to store; the payload is kept as the exact JSON text sent.</summary>
public sealed record IncomingEvent(
    string EventId,
    string Source,
    string PayloadJson,
    DateTimeOffset? ClientTimestamp,
    byte[] ContentHash);
