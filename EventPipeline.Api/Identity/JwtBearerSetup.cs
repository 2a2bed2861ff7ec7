using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>Strict validation of our own tokens: one algorithm, one key, our issuer and audience, at+jwt only.</summary>
internal sealed class JwtBearerSetup(IOptions<IdentityOptions> identity) : IConfigureNamedOptions<JwtBearerOptions>
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
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenIssuer.AccessTokenType],
            IssuerSigningKey = settings.CreateSigningKey(),
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
