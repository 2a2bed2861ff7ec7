using Microsoft.Extensions.Caching.Memory;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Whether a token's client may still act: checked on every authenticated request, so the answer is
/// cached per client for a few seconds. That bounds how long a disabled or deleted client's tokens keep
/// working on other replicas, at one small query per client per replica per period.
/// </summary>
internal sealed class ClientStatusCache(IMemoryCache cache, ClientStore store)
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    public async ValueTask<bool> IsActiveAsync(string clientId, CancellationToken ct)
    {
        var key = Key(clientId);
        if (cache.TryGetValue(key, out bool active))
        {
            return active;
        }
        active = await store.IsActiveAsync(clientId, ct);
        cache.Set(key, active, Lifetime);
        return active;
    }

    /// <summary>Drops the cached answer so a change made through this replica applies to it at once.</summary>
    public void Forget(string clientId) => cache.Remove(Key(clientId));

    private static string Key(string clientId) => "identity:client-active:" + clientId;
}
