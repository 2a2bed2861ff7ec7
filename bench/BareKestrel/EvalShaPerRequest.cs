using System.Buffers.Binary;
using System.Security.Claims;
using StackExchange.Redis;

namespace EventPipeline.Bench.BareKestrel;

/// <summary>
/// The JWT ceiling plus one EVALSHA of the limiter's own script per request, through
/// StackExchange.Redis with the API's keys and arguments: what a limiter decision costs at the least.
/// </summary>
internal static class EvalShaPerRequest
{
    private const string UseRedisTime = "-1";
    private static byte[] s_sha1 = [];

    public static WebApplicationBuilder AddEvalShaPerRequest(this WebApplicationBuilder builder)
    {
        var options = ConfigurationOptions.Parse(builder.Configuration["ConnectionStrings:redis"]
            ?? throw new InvalidOperationException("ConnectionStrings:redis is missing."));
        // The API's client setting (EventPipeline.Api/Runtime/RedisClientSetup), so the ceiling differs from it in nothing but the limiter.
        options.SocketManager = SocketManager.ThreadPool;
        var redis = ConnectionMultiplexer.Connect(options);
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "token_bucket.lua"));
        s_sha1 = redis.GetServers()[0].ScriptLoad(source);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        return builder;
    }

    public static async Task<IResult> AcceptAsync(HttpRequest request, ClaimsPrincipal user, IConnectionMultiplexer redis)
    {
        RedisKey[] keys = [$"ep:{{{user.FindFirst("sub")!.Value}}}:ingest"];
        // The script's batch layout holding one decision: Redis time, 1 bucket, cost 1, capacity, refill.
        RedisValue[] args = [UseRedisTime, 1, 1, "100000000", "100000000"];
        // The answer's first little-endian double is the decision's status (1 allowed).
        var answer = (byte[])(await redis.GetDatabase().ScriptEvaluateAsync(s_sha1, keys, args))!;
        return BinaryPrimitives.ReadDoubleLittleEndian(answer) == 1 ? await EventBody.AcceptAsync(request) : Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }
}
