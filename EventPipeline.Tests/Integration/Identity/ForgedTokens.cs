using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>Tokens an attacker could make, each wrong in exactly one way unless said otherwise.</summary>
internal static class ForgedTokens
{
    public static string Create(
        string subject,
        string key = ApiFactory.SigningKey,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = ApiFactory.Issuer,
        string audience = ApiFactory.Audience,
        string type = "at+jwt",
        string scope = "events:write events:read admin",
        TimeSpan? expiresIn = null,
        TimeSpan? validFromIn = null,
        SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(5));
        var notBefore = now + (validFromIn ?? TimeSpan.Zero);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            NotBefore = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            Expires = expires,
            TokenType = type,
            SigningCredentials = credentials ?? new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["scope"] = scope,
                ["tier"] = "standard",
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise perfect claims.</summary>
    public static string Unsigned(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new { alg = "none", typ = "at+jwt" });
        var payload = Encode(new
        {
            iss = ApiFactory.Issuer,
            aud = ApiFactory.Audience,
            sub = subject,
            scope = "events:write events:read admin",
            tier = "standard",
            iat = now,
            nbf = now,
            exp = now + 300,
            jti = Guid.NewGuid().ToString("N"),
        });
        return $"{header}.{payload}.";
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
