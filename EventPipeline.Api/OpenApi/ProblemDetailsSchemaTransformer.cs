using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>The RFC 9457 body every error shares; this API adds the original's <c>error</c> and <c>retry_after</c>.</summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string SchemaName = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(SchemaName, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "On 429 and token errors: the original's or RFC 6749's error code." },
                ["retry_after"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "On 429 and 503: seconds to wait, as in Retry-After." },
            },
        });
        return Task.CompletedTask;
    }
}
