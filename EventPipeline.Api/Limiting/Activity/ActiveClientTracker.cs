using System.Collections.Concurrent;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Activity;

/// <summary>
/// Counts admitted and limited cost per client in memory and adds them to per-minute sorted sets in
/// Redis once a second, so "busiest clients" costs no extra Redis call per request and keeps clients
/// out of metrics.
/// </summary>
public sealed class ActiveClientTracker(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const string AdmittedPrefix = "ep:limiter:top:";
    private const string LimitedPrefix = "ep:limiter:top-limited:";
    private static readonly TimeSpan s_keep = TimeSpan.FromMinutes(3);
    private readonly ConcurrentDictionary<string, long> _admitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _limited = new(StringComparer.Ordinal);

    public void Record(string clientId, long cost) => Add(_admitted, clientId, cost);

    public void RecordLimited(string clientId, long cost) => Add(_limited, clientId, cost);

    public async Task FlushAsync()
    {
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        var writes = new List<Task>();
        Drain(_admitted, db, AdmittedPrefix + Minute(now), writes);
        Drain(_limited, db, LimitedPrefix + Minute(now), writes);
        await Task.WhenAll(writes);
    }

    /// <summary>The busiest clients (admitted plus limited) over the current and the previous minute.</summary>
    public async Task<IReadOnlyList<ClientActivity>> TopAsync(int count)
    {
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        var minutes = new[] { Minute(now), Minute(now.AddMinutes(-1)) };
        var admitted = await Task.WhenAll(minutes.Select(m => db.SortedSetRangeByRankWithScoresAsync(AdmittedPrefix + m, 0, -1)));
        var limited = await Task.WhenAll(minutes.Select(m => db.SortedSetRangeByRankWithScoresAsync(LimitedPrefix + m, 0, -1)));
        var byClient = new Dictionary<string, ClientActivity>(StringComparer.Ordinal);
        foreach (var entry in admitted.SelectMany(m => m))
        {
            Accumulate(byClient, entry.Element.ToString(), entry.Score, 0);
        }
        foreach (var entry in limited.SelectMany(m => m))
        {
            Accumulate(byClient, entry.Element.ToString(), 0, entry.Score);
        }
        return [.. byClient.Values.OrderByDescending(c => c.Admitted + c.Limited).Take(count)];
    }

    private static void Accumulate(Dictionary<string, ClientActivity> into, string clientId, double admitted, double limited)
    {
        var current = into.GetValueOrDefault(clientId) ?? new(clientId, 0, 0);
        into[clientId] = current with { Admitted = current.Admitted + admitted, Limited = current.Limited + limited };
    }

    // Static lambdas with the cost as argument: a capturing one cost a closure and a delegate per request.
    private static void Add(ConcurrentDictionary<string, long> counts, string clientId, long cost) =>
        counts.AddOrUpdate(clientId, static (_, added) => added, static (_, total, added) => total + added, cost);

    // TryRemove per key: a count added concurrently lands either in this flush or in the next one.
    private static void Drain(ConcurrentDictionary<string, long> counts, IDatabase db, string key, List<Task> writes)
    {
        var before = writes.Count;
        foreach (var clientId in counts.Keys)
        {
            if (counts.TryRemove(clientId, out var cost))
            {
                writes.Add(db.SortedSetIncrementAsync(key, clientId, cost));
            }
        }
        if (writes.Count > before)
        {
            writes.Add(db.KeyExpireAsync(key, s_keep));
        }
    }

    private static long Minute(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;
}

/// <summary>A client's admitted and limited cost over the last one to two minutes.</summary>
public sealed record ClientActivity(string ClientId, double Admitted, double Limited);
