using System.Text.Json;
using EventPipeline.Contracts.Events;

namespace EventPipeline.Client;

/// <summary>
/// Reads a stored event's payload, which the wire type keeps as the JSON text exactly as stored
/// (so the API writes it without parsing it, and no number loses precision on the way).
/// </summary>
public static class StoredEventPayload
{
    /// <summary>The payload as <typeparamref name="TPayload"/>, read with the API's snake_case names unless <paramref name="options"/> say otherwise.</summary>
    public static TPayload? ReadPayload<TPayload>(this StoredEvent stored, JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<TPayload>(stored.Payload, options ?? ClientJson.Options);
}
