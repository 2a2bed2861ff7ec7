using System.Globalization;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>Adds an RFC 9457 answer unless the endpoint already describes that status.</summary>
    public static OpenApiResponse? Add(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing))
        {
            return existing as OpenApiResponse;
        }
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new() { Schema = new OpenApiSchemaReference(ProblemDetailsSchemaTransformer.SchemaName, document) },
            },
        };
        operation.Responses[key] = response;
        return response;
    }
}
