using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>A busy client: requests admitted and limited recently.</summary>
public sealed record TopClient(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("admitted")] double Admitted,
    [property: JsonPropertyName("limited")] double Limited);
