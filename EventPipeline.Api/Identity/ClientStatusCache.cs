using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Whether a token's client may still act: checked on every authenticated request, so the answer is
/// cached per client for a few seconds. That bounds how long a disabled or deleted client's tokens keep
/// working on other replicas, at one small query per client per replica per period.
/// </summary>
internal sealed class ClientStatusCache(IMemoryCache cache, ClientStore store)
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    // While PostgreSQL is unreachable the last answer stands, so an outage of the registry does not
    // turn every authenticated request into an error; a client never seen before is refused with 503.
    internal static readonly TimeSpan LastKnownLifetime = TimeSpan.FromMinutes(10);

    public async ValueTask<bool> IsActiveAsync(string clientId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(clientId), out bool active))
        {
            return active;
        }
        try
        {
            active = await store.IsActiveAsync(clientId, ct);
        }
        catch (NpgsqlException) when (cache.TryGetValue(LastKnownKey(clientId), out bool lastKnown))
        {
            return lastKnown;
        }
        cache.Set(Key(clientId), active, Lifetime);
        cache.Set(LastKnownKey(clientId), active, LastKnownLifetime);
        return active;
    }

    /// <summary>Drops the cached answer so a change made through this replica applies to it at once.</summary>
    public void Forget(string clientId)
    {
        cache.Remove(Key(clientId));
        cache.Remove(LastKnownKey(clientId));
    }

    private static string Key(string clientId) => "identity:client-active:" + clientId;

    private static string LastKnownKey(string clientId) => "identity:client-last-known:" + clientId;
}
