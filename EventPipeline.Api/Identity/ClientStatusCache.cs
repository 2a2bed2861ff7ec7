using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Whether a token's client may still act: checked on every authenticated request, so the answer is
/// cached per client for a few seconds. The answer is the client's token generation (null when
/// disabled or deleted), which every change of scopes, tier, secret or enabled flag bumps: a token
/// of an older generation stops working within that period on every replica, and at once on the
/// replica that made the change, at one small query per client per replica per period.
/// </summary>
internal sealed class ClientStatusCache(IMemoryCache cache, ClientStore store, IOptions<IdentityOptions> options)
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    /// <summary>The token's client is active and the token is of its current generation.</summary>
    public async ValueTask<bool> AcceptsAsync(string clientId, long tokenGeneration, CancellationToken ct) =>
        await ActiveGenerationAsync(clientId, ct) == tokenGeneration;

    private async ValueTask<long?> ActiveGenerationAsync(string clientId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(clientId), out long? generation))
        {
            return generation;
        }
        try
        {
            generation = await store.ActiveGenerationAsync(clientId, ct);
        }
        // While PostgreSQL is unreachable the last answer stands for a short grace, so a blip of the
        // registry does not fail every request; after it, or for a client never seen, the error
        // propagates (503), because a revoked client must not keep working through an outage.
        catch (NpgsqlException) when (cache.TryGetValue(LastKnownKey(clientId), out long? lastKnown))
        {
            return lastKnown;
        }
        cache.Set(Key(clientId), generation, Lifetime);
        cache.Set(LastKnownKey(clientId), generation, options.Value.ClientStatusGrace);
        return generation;
    }

    /// <summary>Drops the cached answer so a change made through this replica applies to it at once.</summary>
    public void Forget(string clientId)
    {
        cache.Remove(Key(clientId));
        cache.Remove(LastKnownKey(clientId));
    }

    private static string Key(string clientId) => "identity:client-generation:" + clientId;

    private static string LastKnownKey(string clientId) => "identity:client-last-known:" + clientId;
}
