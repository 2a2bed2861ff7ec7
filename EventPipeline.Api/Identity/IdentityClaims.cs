using System.Security.Claims;
using EventPipeline.Api.Limiting.AspNetCore;

namespace EventPipeline.Api.Identity;

/// <summary>The claim names of our tokens, read as they are because JwtBearer runs with MapInboundClaims = false.</summary>
public static class IdentityClaims
{
    // The limiter charges requests by these two; it owns their names so it never reads Identity.
    public const string Subject = LimitSubjects.ClientClaim;
    public const string Scope = "scope";
    public const string Tier = LimitSubjects.TierClaim;
    /// <summary>The client's token generation when the token was issued (see ClientStatusCache).</summary>
    public const string Generation = "gen";

    public static string? GetClientId(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value;

    /// <summary>The generation the token was issued under; tokens from before generations existed count as 0.</summary>
    public static long GetGeneration(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(Generation)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation) ? generation : 0;

    public static string? GetTier(this ClaimsPrincipal user) => user.FindFirst(Tier)?.Value;

    // OAuth puts all scopes in one space-separated claim (RFC 8693 section 4.2).
    public static IReadOnlyList<string> GetScopes(this ClaimsPrincipal user) =>
        user.FindAll(Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();

    /// <summary>Whether one of the scope claims lists <paramref name="scope"/>; read in place, as every authorized request asks.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        if (scope.Length == 0)
        {
            return false;
        }
        foreach (var claim in user.FindAll(Scope))
        {
            var granted = claim.Value.AsSpan();
            foreach (var range in granted.Split(' '))
            {
                if (granted[range].SequenceEqual(scope))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
