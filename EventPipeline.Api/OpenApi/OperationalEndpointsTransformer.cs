using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>
/// Endpoints that are not route handlers (health checks, the Prometheus scrape) are invisible to
/// the generator; they are part of the API all the same, so they are described here as plain GETs.
/// </summary>
internal sealed class OperationalEndpointsTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not null
                || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || document.Paths.ContainsKey(path))
            {
                continue;
            }
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        Summary = endpoint.DisplayName,
                        Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse
                            {
                                Description = "Healthy, or the metrics in Prometheus' text format.",
                                Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                            },
                            ["503"] = new OpenApiResponse { Description = "Unhealthy." },
                        },
                    },
                },
            };
        }
        return Task.CompletedTask;
    }
}
