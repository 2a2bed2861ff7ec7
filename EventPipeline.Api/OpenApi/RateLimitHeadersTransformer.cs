using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>
/// A rate-limited endpoint (a limiter policy on it, or a 429 it declares) answers 429 with
/// Retry-After, and every one of its answers carries the rate-limit headers.
/// </summary>
internal sealed class RateLimitHeadersTransformer : IOpenApiOperationTransformer
{
    private static readonly (string Name, string Description, JsonSchemaType Type)[] s_headers =
    [
        ("RateLimit-Policy", "draft-ietf-httpapi-ratelimit-headers: the policy, e.g. \"ingest\";q=100;w=10.", JsonSchemaType.String),
        ("RateLimit", "draft-ietf-httpapi-ratelimit-headers: what is left, e.g. \"ingest\";r=99;t=1.", JsonSchemaType.String),
        ("X-RateLimit-Limit", "The bucket's capacity.", JsonSchemaType.Integer),
        ("X-RateLimit-Remaining", "Tokens left after this request.", JsonSchemaType.Integer),
        ("X-RateLimit-Reset", "Seconds until the bucket is full again.", JsonSchemaType.Integer),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var limited = context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any()
            || context.Description.SupportedResponseTypes.Any(r => r.StatusCode == StatusCodes.Status429TooManyRequests);
        if (!limited)
        {
            return Task.CompletedTask;
        }

        var tooMany = ProblemResponses.Add(operation, context.Document!, StatusCodes.Status429TooManyRequests,
            "Rate limited: wait Retry-After seconds.");
        if (tooMany is not null)
        {
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = Header("Seconds until the next token.", JsonSchemaType.Integer);
        }
        foreach (var response in operation.Responses!.Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, description, type) in s_headers)
            {
                response.Headers.TryAdd(name, Header(description, type));
            }
        }
        return Task.CompletedTask;
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };
}
