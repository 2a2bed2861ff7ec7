using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Identity;

/// <summary>Tells a client what its token says: a quick check that a token works and carries the expected scopes.</summary>
internal static class WhoAmIApi
{
    public static IEndpointRouteBuilder MapWhoAmIApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/whoami")
            .RequireAuthorization(Scopes.EventsRead)
            .MapGet("", WhoAmI);
        return app;
    }

    private static Ok<WhoAmIResponse> WhoAmI(ClaimsPrincipal user) =>
        TypedResults.Ok(new WhoAmIResponse(user.GetClientId()!, user.GetScopes(), user.GetTier() ?? "standard"));

    internal sealed record WhoAmIResponse(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
        [property: JsonPropertyName("tier")] string Tier);
}
