using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPipeline.Client;

/// <summary>
/// An event to send. Its id is fixed when it is made, before the first try, so a retry is answered
/// <c>duplicate</c> and never stored twice. Any id of 1 to 128 printable characters is accepted (an id
/// derived from the client's own data, say); UUIDv7 is the default: time-ordered, so the server's
/// index inserts stay local.
/// </summary>
public sealed record PipelineEvent(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("payload")] JsonElement Payload,
    [property: JsonPropertyName("timestamp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Timestamp = null)
{
    /// <summary>An event with a new UUIDv7 id; <paramref name="payload"/> must serialize to a JSON object.</summary>
    public static PipelineEvent Create<TPayload>(string source, TPayload payload, DateTimeOffset? timestamp = null) =>
        new(Guid.CreateVersion7().ToString(), source, JsonSerializer.SerializeToElement(payload, ClientJson.Options), timestamp);
}
