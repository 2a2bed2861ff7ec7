using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Bench;

/// <summary>
/// HS256 bearer validation configured as the API's JwtBearerSetup does (pinned algorithm, at+jwt,
/// issuer, audience, lifetime with 30 s skew, scope policy), and a token endpoint minting tokens of
/// the API's shape, so the ceilings and peers need no client registry.
/// </summary>
public static class BenchJwt
{
    public const string WriteScope = "events:write";

    public static WebApplicationBuilder AddBenchJwt(this WebApplicationBuilder builder)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Identity:SigningKey"]
            ?? throw new InvalidOperationException("Identity:SigningKey is missing.")));
        builder.Services.AddSingleton(key);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidTypes = ["at+jwt"],
                IssuerSigningKey = key,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ValidIssuer = Issuer(builder.Configuration),
                ValidAudience = Audience(builder.Configuration),
                RequireAudience = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(WriteScope, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindFirst("scope")?.Value.Split(' ').Contains(WriteScope) == true));
        return builder;
    }

    /// <summary>POST /auth/token with any client_id: the LoadGen's token request, answered without a registry.</summary>
    public static void MapBenchTokenEndpoint(this WebApplication app)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var credentials = new SigningCredentials(app.Services.GetRequiredService<SymmetricSecurityKey>(), SecurityAlgorithms.HmacSha256);
        app.MapPost("/auth/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var now = DateTime.UtcNow;
            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer(app.Configuration),
                Audience = Audience(app.Configuration),
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(15),
                TokenType = "at+jwt",
                SigningCredentials = credentials,
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = form["client_id"].ToString(),
                    ["scope"] = "events:write events:read",
                    ["tier"] = "standard",
                    [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                },
            });
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 900 });
        }).AllowAnonymous();
    }

    private static string Issuer(IConfiguration configuration) => configuration["Identity:Issuer"] ?? "eventpipeline";

    private static string Audience(IConfiguration configuration) => configuration["Identity:Audience"] ?? "eventpipeline-api";
}
