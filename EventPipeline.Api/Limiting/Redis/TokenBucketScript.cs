using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>
/// The embedded token-bucket script, run with EVALSHA. Its SHA1 comes from SCRIPT LOAD; when a
/// restarted or failed-over Redis answers NOSCRIPT the script is loaded again and the call repeated once.
/// </summary>
public sealed class TokenBucketScript(IConnectionMultiplexer redis) : IDisposable
{
    private static readonly string s_source = LoadSource();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile byte[]? _sha1;

    public static string Source => s_source;

    public async Task<RedisResult> EvaluateAsync(RedisKey[] keys, RedisValue[] args)
    {
        var sha1 = _sha1 ?? await LoadAsync(stale: null);
        try
        {
            return await redis.GetDatabase().ScriptEvaluateAsync(sha1, keys, args);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            sha1 = await LoadAsync(stale: sha1);
            return await redis.GetDatabase().ScriptEvaluateAsync(sha1, keys, args);
        }
    }

    private async Task<byte[]> LoadAsync(byte[]? stale)
    {
        await _loading.WaitAsync();
        try
        {
            // Another caller may have reloaded while this one waited; a second load would be harmless but wasteful.
            if (_sha1 is { } current && !ReferenceEquals(current, stale))
            {
                return current;
            }
            byte[]? sha1 = null;
            // Every primary gets the script, so EVALSHA works wherever a key's slot lives.
            foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                sha1 = await server.ScriptLoadAsync(s_source);
            }
            _sha1 = sha1 ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connected Redis primary to load the limiter script into.");
            return _sha1;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private static string LoadSource()
    {
        using var stream = typeof(TokenBucketScript).Assembly.GetManifestResourceStream("EventPipeline.Api.Limiting.token_bucket.lua")
            ?? throw new InvalidOperationException("The embedded resource Limiting/Redis/token_bucket.lua is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
