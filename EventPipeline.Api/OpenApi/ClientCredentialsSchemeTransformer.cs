using EventPipeline.Api.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventPipeline.Api.OpenApi;

/// <summary>Declares the one way in: OAuth 2.0 client credentials at <c>/auth/token</c>, with the scopes policies name.</summary>
internal sealed class ClientCredentialsSchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "client-credentials";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "A short-lived JWT from POST /auth/token (grant_type=client_credentials), sent as 'Authorization: Bearer'.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/auth/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>
                    {
                        [Scopes.EventsWrite] = "Send events.",
                        [Scopes.EventsRead] = "Read your own events.",
                        [Scopes.Admin] = "Manage clients and limits, read the live view.",
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
