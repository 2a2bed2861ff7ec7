using System.Net;
using System.Text.Json;

namespace EventPipeline.Client;

/// <summary>The API refused the request with an RFC 9457 problem (after any retries the budget allowed).</summary>
public sealed class EventPipelineProblemException(HttpStatusCode status, string? title, string? detail, TimeSpan? retryAfter, JsonElement? problem)
    : Exception($"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>On 429 and 503: how long the API asked to wait.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The whole problem body, with any extensions (<c>errors</c>, <c>error</c>, <c>retry_after</c>).</summary>
    public JsonElement? Problem { get; } = problem;

    internal static async Task<EventPipelineProblemException> FromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        JsonElement? problem = null;
        try
        {
            problem = await JsonSerializer.DeserializeAsync<JsonElement>(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
        }
        return new(response.StatusCode, Text(problem, "title") ?? response.ReasonPhrase, Text(problem, "detail"), RetryAfterHeader.Read(response), problem);
    }

    private static string? Text(JsonElement? problem, string name) =>
        problem is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
