using System.Text.Json;

namespace EventPipeline.Api.Http;

/// <summary>A detail for the problems the framework writes without one, so every refusal says why.</summary>
internal static class ProblemDetail
{
    public static string? For(ProblemDetailsContext context) => context.Exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } bad => $"{bad.Message} {json.Message}",
        BadHttpRequestException bad => bad.Message,
        { } malformed when MalformedRequestBody.Is(malformed) => $"The body's framing is malformed: {malformed.Message}",
        InvalidDataException => "The body is not valid gzip data.",
        _ => context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound when context.HttpContext.GetEndpoint() is null => "There is no endpoint at this path.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not take this method.",
            StatusCodes.Status413PayloadTooLarge => "The body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "This endpoint reads a JSON body: send it as application/json.",
            _ => null,
        },
    };
}
