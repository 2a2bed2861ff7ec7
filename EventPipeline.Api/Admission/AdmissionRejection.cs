using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace EventPipeline.Api.Admission;

/// <summary>The 503 an overloaded replica answers: problem+json with Retry-After, like every other refusal.</summary>
internal static class AdmissionRejection
{
    public static Task WriteAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
            title: "Server busy",
            detail: $"This replica is at capacity; retry after {retryAfterSeconds} s.",
            extensions: new Dictionary<string, object?> { ["error"] = "server busy", ["retry_after"] = retryAfterSeconds })
            .ExecuteAsync(context);
    }
}
