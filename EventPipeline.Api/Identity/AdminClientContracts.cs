using System.Text.Json.Serialization;

namespace EventPipeline.Api.Identity;

internal sealed record LimitOverrideDto(
    [property: JsonPropertyName("capacity")] double Capacity,
    [property: JsonPropertyName("refill_per_second")] double RefillPerSecond);

internal sealed record CreateClientRequest(
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes,
    [property: JsonPropertyName("tier")] string? Tier,
    [property: JsonPropertyName("limit")] LimitOverrideDto? Limit,
    [property: JsonPropertyName("enabled")] bool? Enabled);

/// <summary>Absent fields stay as they are; <c>remove_limit</c> clears the override.</summary>
internal sealed record UpdateClientRequest(
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes,
    [property: JsonPropertyName("tier")] string? Tier,
    [property: JsonPropertyName("limit")] LimitOverrideDto? Limit,
    [property: JsonPropertyName("remove_limit")] bool? RemoveLimit,
    [property: JsonPropertyName("enabled")] bool? Enabled);

/// <summary>A client as the admin API shows it; the secret only right after creation or rotation.</summary>
internal sealed record ClientResponse(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("limit")] LimitOverrideDto? Limit,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("client_secret"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientSecret = null)
{
    public static ClientResponse From(ClientRecord client, string? secret = null) => new(
        client.ClientId,
        client.Scopes,
        client.Tier,
        client.Limit is { } limit ? new LimitOverrideDto(limit.Capacity, limit.RefillPerSecond) : null,
        client.Enabled,
        client.CreatedAt,
        client.UpdatedAt,
        secret);
}
