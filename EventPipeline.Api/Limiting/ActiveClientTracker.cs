using System.Collections.Concurrent;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting;

/// <summary>
/// Counts admitted cost per client in memory and adds it to a per-minute sorted set in Redis once a
/// second, so "busiest clients" costs no extra Redis call per request and keeps clients out of metrics.
/// </summary>
public sealed class ActiveClientTracker(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const string KeyPrefix = "ep:limiter:top:";
    private static readonly TimeSpan s_keep = TimeSpan.FromMinutes(3);
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    public void Record(string clientId, long cost) => _pending.AddOrUpdate(clientId, cost, (_, total) => total + cost);

    public async Task FlushAsync()
    {
        // TryRemove per key: a count added concurrently lands either in this flush or in the next one.
        var batch = new List<KeyValuePair<string, long>>();
        foreach (var clientId in _pending.Keys)
        {
            if (_pending.TryRemove(clientId, out var cost))
            {
                batch.Add(new(clientId, cost));
            }
        }
        if (batch.Count == 0)
        {
            return;
        }
        var key = MinuteKey(clock.GetUtcNow());
        var db = redis.GetDatabase();
        var writes = batch.Select(e => (Task)db.SortedSetIncrementAsync(key, e.Key, e.Value)).ToList();
        writes.Add(db.KeyExpireAsync(key, s_keep));
        await Task.WhenAll(writes);
    }

    /// <summary>The busiest clients over the current and the previous minute.</summary>
    public async Task<IReadOnlyList<(string ClientId, double Cost)>> TopAsync(int count)
    {
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        var minutes = await Task.WhenAll(
            db.SortedSetRangeByRankWithScoresAsync(MinuteKey(now), 0, count - 1, Order.Descending),
            db.SortedSetRangeByRankWithScoresAsync(MinuteKey(now.AddMinutes(-1)), 0, count - 1, Order.Descending));
        return [.. minutes.SelectMany(m => m)
            .GroupBy(e => e.Element.ToString(), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(e => e.Score)))
            .OrderByDescending(e => e.Item2)
            .Take(count)];
    }

    private static string MinuteKey(DateTimeOffset time) => KeyPrefix + (time.ToUnixTimeSeconds() / 60);
}
