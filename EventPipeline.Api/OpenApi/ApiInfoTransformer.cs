using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

internal sealed class ApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "EventPipeline API";
        document.Info.Description =
            "Rate-limited event ingestion. Get a token with OAuth 2.0 client credentials at /auth/token, then POST events. " +
            "Every error is RFC 9457 problem+json; limited answers carry RateLimit-Policy, RateLimit and X-RateLimit-* headers, " +
            "and refusals (429, 503) a Retry-After.";
        return Task.CompletedTask;
    }
}
