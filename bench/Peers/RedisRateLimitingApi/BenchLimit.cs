using StackExchange.Redis;

namespace EventPipeline.Bench.Peers;

/// <summary>The limit both limiters enforce: <c>Limit:Capacity</c> tokens, refilled at <c>Limit:Refill</c> per second.</summary>
internal static class BenchLimit
{
    public const string Policy = "ingest";

    public static int Capacity(IConfiguration configuration) => configuration.GetValue("Limit:Capacity", 100);

    public static int Refill(IConfiguration configuration) => configuration.GetValue("Limit:Refill", 10);

    public static IConnectionMultiplexer Connect(IConfiguration configuration) =>
        ConnectionMultiplexer.Connect(configuration["ConnectionStrings:redis"] ?? throw new InvalidOperationException("ConnectionStrings:redis is missing."));
}
