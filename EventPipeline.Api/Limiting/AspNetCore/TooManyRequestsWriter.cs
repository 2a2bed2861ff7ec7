using System.Globalization;
using System.Text.Json;
using EventPipeline.Api.Limiting.Policies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// The middleware's 429, written straight to the response. A flood of refused requests is the load
/// this path exists for, and the general one (<see cref="RejectionResponses"/> through
/// <c>ProblemHttpResult</c> and <c>IProblemDetailsService</c>) creates a logger, a dictionary of
/// extensions and a problem object per refusal, then serializes them by metadata. The bytes are the
/// framework's own (a test compares the two); a request whose Accept header is not one of the few
/// recognised here takes the general path, which decides what such a caller gets.
/// </summary>
internal sealed class TooManyRequestsWriter
{
    private const string ProblemJson = "application/problem+json";
    private const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";
    private const string Title = "Too Many Requests";
    private const string Error = "rate limit exceeded";

    private readonly JsonWriterOptions _writerOptions;
    private readonly JsonEncodedText _traceIdName;

    public TooManyRequestsWriter(IOptions<JsonOptions> json)
    {
        var serializer = json.Value.SerializerOptions;
        _writerOptions = new JsonWriterOptions { Encoder = serializer.Encoder, Indented = serializer.WriteIndented, SkipValidation = true };
        // The framework adds "traceId" to every problem and names it by the API's naming policy.
        _traceIdName = JsonEncodedText.Encode(serializer.PropertyNamingPolicy?.ConvertName("traceId") ?? "traceId", serializer.Encoder);
    }

    /// <summary>A plain 429 (not 413, not 503) to a caller that takes problem+json as the framework would send it.</summary>
    public static bool Handles(LimitDecision decision, HttpRequest request) =>
        decision.Outcome is LimitOutcome.Limited or LimitOutcome.LocalLimited && AcceptsJson(request.Headers.Accept);

    public async Task WriteAsync(HttpContext context, LimitDecision decision)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = ProblemJson;
        var seconds = decision.RetryAfterSeconds;
        using (var json = new Utf8JsonWriter(response.BodyWriter, _writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", TooManyRequestsType);
            json.WriteString("title", Title);
            json.WriteNumber("status", StatusCodes.Status429TooManyRequests);
            WriteDetail(json, decision.Policy, seconds);
            json.WriteString("error", Error);
            json.WriteNumber("retry_after", seconds);
            json.WriteString(_traceIdName, System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier);
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync();
    }

    // Formatted on the stack: a policy name too long for it costs the string after all.
    private static void WriteDetail(Utf8JsonWriter json, string policy, long seconds)
    {
        Span<char> detail = stackalloc char[256];
        if (detail.TryWrite(CultureInfo.InvariantCulture, $"Policy '{policy}' is exhausted; retry after {seconds} s.", out var written))
        {
            json.WriteString("detail", detail[..written]);
        }
        else
        {
            json.WriteString("detail", $"Policy '{policy}' is exhausted; retry after {seconds} s.");
        }
    }

    // No Accept header means anything (RFC 9110 §12.5.1); these are what clients send in practice.
    private static bool AcceptsJson(Microsoft.Extensions.Primitives.StringValues accept) =>
        accept.Count == 0 || (accept.Count == 1 && accept[0] is "*/*" or "application/json" or ProblemJson or "application/*");
}
