using System.Net;
using System.Text.Json;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// What every answer to untrusted input must be: a 2xx, or a 4xx whose problem+json body says
/// what was wrong (a title, and a detail or field errors). Never a 5xx.
/// </summary>
public static class ResponseContract
{
    /// <summary>Null when the answer keeps the contract; otherwise what is wrong with it.</summary>
    public static string? Violation(HttpStatusCode status, string? mediaType, byte[] body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return null;
        }
        if (code is < 400 or >= 500)
        {
            return $"status {code}";
        }
        if (mediaType != "application/problem+json")
        {
            return $"{code} with media type '{mediaType}' and {body.Length} bytes instead of problem+json";
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (!root.TryGetProperty("status", out var statusField) || statusField.GetInt32() != code)
            {
                return $"{code} whose problem has no matching status";
            }
            if (!root.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            {
                return $"{code} whose problem has no title";
            }
            var explained = (root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()))
                || root.TryGetProperty("errors", out _);
            return explained ? null : $"{code} '{title.GetString()}' says neither detail nor errors";
        }
        catch (JsonException)
        {
            return $"{code} whose problem+json body is not JSON";
        }
    }
}
