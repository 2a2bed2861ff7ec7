using System.Diagnostics;
using System.Globalization;
using EventPipeline.Api.Limiting;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Runtime;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// Limiter decisions per second and the latency one decision adds, through the same decision path
// the API uses (DistributedLimiter: resolver, breaker, timeout, script, metrics), closed loop.
var connection = args.Length > 0 ? args[0] : "127.0.0.1:6379";
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
// A rate runs open loop at that many decisions per second instead of closed loop with workers.
var rate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;

var redisOptions = ConfigurationOptions.Parse(connection);
RedisClientSetup.ReadOnTheThreadPool(redisOptions);
await using var redis = await ConnectionMultiplexer.ConnectAsync(redisOptions);
var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton<IConnectionMultiplexer>(redis);
services.AddOptions<LimiterOptions>().Configure(o =>
{
    o.RedisTimeoutMilliseconds = 1000;
    // Nothing is ever refused, so every decision is a round trip to Redis: a refusal could be answered
    // from this replica's memory of an earlier one (KnownRefusals), which would flatter the figures.
    o.Default = BucketLimit.Of(1_000_000_000, 1_000_000_000);
    o.Policies["ingest"] = new LimitPolicyOptions { FailureMode = FailureMode.Closed };
});
services.AddLimiterCore();
// ASP0000 is about web hosts; this harness has no host whose singletons it could duplicate.
#pragma warning disable ASP0000
await using var provider = services.BuildServiceProvider();
#pragma warning restore ASP0000
_ = provider.GetRequiredService<IOptions<LimiterOptions>>().Value;
var limiter = provider.GetRequiredService<DistributedLimiter>();
await limiter.AcquireAsync("ingest", LimitSubject.Client("bench-warmup"), 1);
var warmedSeconds = await WarmUp.UntilJitSettledAsync(limiter);
// The figures below are the measured run's alone.
var gcPauseBefore = GC.GetTotalPauseDuration();
var gen2Before = GC.CollectionCount(2);

if (rate > 0)
{
    var run = await OpenLoop.RunAsync(limiter, rate, seconds);
    var lateness = run.DispatchLateness.Order().ToArray();
    var dispatchP99 = Percentile(lateness, 0.99);
    Report(run.Latencies, run.Seconds, $"open loop at {rate:F0}/s, dispatcher late p50 {Percentile(lateness, 0.50):F3} ms, p99 {dispatchP99:F3} ms",
        string.Create(CultureInfo.InvariantCulture, $" not_from_redis={run.NotFromRedis} dispatch_p99_ms={dispatchP99:F3} gc_pause_ms={(GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds:F0} gen2={GC.CollectionCount(2) - gen2Before} warmed_s={warmedSeconds}"));
    return;
}

var stop = Stopwatch.StartNew();
var until = TimeSpan.FromSeconds(seconds);
var outcomes = new long[Enum.GetValues<LimitOutcome>().Length];
var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
{
    var latencies = new List<double>();
    var random = new Random(worker);
    while (stop.Elapsed < until)
    {
        var subject = LimitSubject.Client($"bench-{random.Next(1000)}");
        var started = Stopwatch.GetTimestamp();
        var decision = await limiter.AcquireAsync("ingest", subject, 1);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Interlocked.Increment(ref outcomes[(int)decision.Outcome]);
    }
    return latencies;
})));
var elapsed = stop.Elapsed.TotalSeconds;

Report(results.SelectMany(l => l), elapsed, $"{workers} workers");
Console.WriteLine("outcomes: " + string.Join(", ", Enum.GetValues<LimitOutcome>()
    .Where(o => outcomes[(int)o] > 0).Select(o => $"{o}={outcomes[(int)o]}")));

// The RESULT line is what bench/run.sh reads.
static void Report(IEnumerable<double> latencies, double seconds, string how, string extra = "")
{
    var all = latencies.Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"limiter: {all.Length / seconds:F0} decisions/s, p50 {Percentile(all, 0.50):F3} ms, p99 {Percentile(all, 0.99):F3} ms ({how}, {seconds:F1} s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT decisions_per_s={all.Length / seconds:F1} p50_ms={Percentile(all, 0.50):F3} p99_ms={Percentile(all, 0.99):F3}{extra}"));
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
