using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Events;

/// <summary>An event as stored, returned to its own client.</summary>
public sealed record StoredEvent(
    string ClientId,
    string EventId,
    string Source,
    [property: JsonConverter(typeof(RawJsonConverter))] string Payload,
    DateTimeOffset? Timestamp,
    DateTimeOffset ReceivedAt);

/// <summary>Writes a stored JSON text as JSON, not as a quoted string, and reads any JSON value back as its text.</summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value);
}
