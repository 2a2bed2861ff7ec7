using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Validation of an external issuer's tokens: issuer and keys from its discovery document, asymmetric
/// algorithms only (a shared secret is never trusted from outside), our audience, a 30 s clock skew.
/// </summary>
internal sealed class ExternalJwtBearerSetup(IOptions<IdentityOptions> identity) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        var settings = identity.Value;
        if (name != IdentitySchemes.External || settings.ExternalAuthority.Length == 0)
        {
            return;
        }
        options.Authority = settings.ExternalAuthority;
        options.MapInboundClaims = false;
        options.EventsType = typeof(JwtBearerProblemEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
            // RFC 9068 access tokens only: an ID token (typ JWT) says who signed in somewhere, not
            // that this API may be called, and must not pass for an access token.
            ValidTypes = [TokenIssuer.AccessTokenType],
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidAudience = settings.ExternalAudience.Length > 0 ? settings.ExternalAudience : settings.Audience,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = JwtBearerSetup.ClockSkew,
            NameClaimType = IdentityClaims.Subject,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
