using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>
/// A test seam for the identity feature: the <c>sub</c>, <c>scope</c> and <c>tier</c> claims come from
/// request headers, with the same claim types JwtBearer produces (MapInboundClaims = false).
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string SubHeader = "X-Test-Sub";
    public const string ScopeHeader = "X-Test-Scope";
    public const string TierHeader = "X-Test-Tier";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(SubHeader, out var sub))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = new List<Claim> { new("sub", sub.ToString()) };
        if (Request.Headers.TryGetValue(ScopeHeader, out var scope))
        {
            claims.Add(new Claim("scope", scope.ToString()));
        }
        if (Request.Headers.TryGetValue(TierHeader, out var tier))
        {
            claims.Add(new Claim("tier", tier.ToString()));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
