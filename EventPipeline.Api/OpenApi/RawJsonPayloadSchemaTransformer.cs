using EventPipeline.Contracts.Events;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>A payload is kept as the JSON text sent and written back as JSON: an object, not a string.</summary>
internal sealed class RawJsonPayloadSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.CustomConverter is RawJsonConverter)
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description = "The payload exactly as sent.";
        }
        return Task.CompletedTask;
    }
}
