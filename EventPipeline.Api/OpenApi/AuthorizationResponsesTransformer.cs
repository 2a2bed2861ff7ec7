using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>
/// Each endpoint behind a policy requires the client-credentials scheme with the scopes its policies
/// name, and answers 401 (no or bad token) and 403 (missing scope) as problem+json.
/// </summary>
internal sealed class AuthorizationResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0)
        {
            return Task.CompletedTask;
        }

        // This API's policies are named after the scope they require (see AuthorizationExtensions).
        var scopes = authorize.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ClientCredentialsSchemeTransformer.SchemeName, context.Document)] = scopes,
        });
        ProblemResponses.Add(operation, context.Document!, StatusCodes.Status401Unauthorized, "No token, or one that is expired, forged or for a disabled client.");
        ProblemResponses.Add(operation, context.Document!, StatusCodes.Status403Forbidden, $"The token lacks the scope: {string.Join(", ", scopes)}.");
        return Task.CompletedTask;
    }
}
