using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>
/// The public keys that verify our tokens (RFC 7517), for other services that validate them offline.
/// Empty with HS256: a shared secret is never published.
/// </summary>
internal static class JwksApi
{
    public static IEndpointRouteBuilder MapJwksApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/.well-known")
            .AllowAnonymous()
            .MapGet("/jwks.json", GetKeys);
        return app;
    }

    private static Ok<Dictionary<string, object>> GetKeys(TokenSigningKeys keys) =>
        TypedResults.Ok(new Dictionary<string, object> { ["keys"] = keys.IsAsymmetric ? new[] { PublicJwk(keys) } : [] });

    private static Dictionary<string, string> PublicJwk(TokenSigningKeys keys)
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(keys.ValidationKey);
        var published = new Dictionary<string, string>
        {
            ["kty"] = jwk.Kty,
            ["use"] = "sig",
            ["alg"] = keys.Algorithm,
            ["kid"] = keys.ValidationKey.KeyId,
        };
        if (jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA)
        {
            published["n"] = jwk.N;
            published["e"] = jwk.E;
        }
        else
        {
            published["crv"] = jwk.Crv;
            published["x"] = jwk.X;
            published["y"] = jwk.Y;
        }
        return published;
    }
}
