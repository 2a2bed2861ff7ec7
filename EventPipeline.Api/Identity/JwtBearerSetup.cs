using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>Strict validation of our own tokens: exactly the configured algorithm and key, our issuer and audience, at+jwt only.</summary>
internal sealed class JwtBearerSetup(IOptions<IdentityOptions> identity, TokenSigningKeys keys) : IConfigureNamedOptions<JwtBearerOptions>
{
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }
        var settings = identity.Value;
        options.MapInboundClaims = false;
        options.EventsType = typeof(JwtBearerProblemEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // Pinning the algorithm is what refuses "alg: none" and algorithm-confusion tokens.
            ValidAlgorithms = [keys.Algorithm],
            ValidTypes = [TokenIssuer.AccessTokenType],
            IssuerSigningKey = keys.ValidationKey,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidIssuer = settings.Issuer,
            ValidateIssuer = true,
            ValidAudience = settings.Audience,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            NameClaimType = IdentityClaims.Subject,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
