using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>Mints the short-lived access tokens (RFC 9068 style: <c>typ</c> at+jwt) that JwtBearer validates.</summary>
internal sealed class TokenIssuer
{
    internal const string AccessTokenType = "at+jwt";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly IdentityOptions _options;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    public TokenIssuer(IOptions<IdentityOptions> options, TokenSigningKeys keys, TimeProvider time)
    {
        _options = options.Value;
        _credentials = keys.Credentials;
        _time = time;
    }

    public IssuedToken Issue(ClientRecord client)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            TokenType = AccessTokenType,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [IdentityClaims.Subject] = client.ClientId,
                [IdentityClaims.Scope] = string.Join(' ', client.Scopes),
                [IdentityClaims.Tier] = client.Tier,
                [IdentityClaims.Generation] = client.TokenGeneration,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        return new IssuedToken(token, (int)_options.TokenLifetime.TotalSeconds, string.Join(' ', client.Scopes));
    }
}

internal sealed record IssuedToken(string AccessToken, int ExpiresInSeconds, string Scope);
