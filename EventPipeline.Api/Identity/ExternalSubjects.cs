using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Turns a validated external token into the registered client it is mapped to: its <c>sub</c>,
/// scopes, tier and token generation come from our registry, so an issuer's <c>sub=admin</c> with
/// <c>scope=admin</c> is nobody here unless an operator mapped it, and then only what that client may do.
/// </summary>
internal sealed class ExternalSubjects(IOptions<IdentityOptions> options, ClientStore store, IMemoryCache cache)
{
    public async Task<ClaimsPrincipal?> MapAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        var subject = external.GetClientId();
        if (subject is null || !options.Value.ExternalSubjects.TryGetValue(subject, out var clientId))
        {
            return null;
        }
        var key = "identity:external-client:" + clientId;
        if (!cache.TryGetValue(key, out ClientRecord? client))
        {
            client = await store.FindAsync(clientId, ct);
            cache.Set(key, client, ClientStatusCache.Lifetime);
        }
        if (client is not { Enabled: true })
        {
            return null;
        }
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(IdentityClaims.Subject, client.ClientId),
                new Claim(IdentityClaims.Scope, string.Join(' ', client.Scopes)),
                new Claim(IdentityClaims.Tier, client.Tier),
                new Claim(IdentityClaims.Generation, client.TokenGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            IdentitySchemes.External, IdentityClaims.Subject, null));
    }
}
