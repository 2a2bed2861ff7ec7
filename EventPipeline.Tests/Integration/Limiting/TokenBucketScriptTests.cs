using System.Diagnostics;
using System.Globalization;
using EventPipeline.Api.Limiting.Redis;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class TokenBucketScriptTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    private static readonly BucketLimit s_fivePerSecond = BucketLimit.Of(5, 5);

    [Fact]
    public async Task AdmitsTheCapacityThenRefusesWithTheTimeToTheNextToken()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-capacity");

        var checks = new List<BucketCheck>();
        for (var i = 0; i < 6; i++)
        {
            checks.Add(await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1));
        }

        Assert.All(checks.Take(5), c => Assert.Equal(BucketCheckStatus.Allowed, c.Status));
        Assert.Equal([4L, 3, 2, 1, 0], checks.Take(5).Select(c => c.Remaining));
        Assert.Equal(BucketCheckStatus.Limited, checks[5].Status);
        Assert.Equal(TimeSpan.FromMilliseconds(200), checks[5].RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), checks[5].Reset);
    }

    [Fact]
    public async Task RefillsContinuouslyInFractionsOfATokenAndPaysCostsAboveOne()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-fractional");
        var limit = BucketLimit.Of(10, 10);
        await harness.Buckets.CheckAsync(subject, [("ingest", limit)], 10);

        clock.AdvanceMilliseconds(250);
        var tooEarly = await harness.Buckets.CheckAsync(subject, [("ingest", limit)], 3);
        clock.AdvanceMilliseconds(50);
        var inTime = await harness.Buckets.CheckAsync(subject, [("ingest", limit)], 3);

        Assert.Equal(BucketCheckStatus.Limited, tooEarly.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(50), tooEarly.RetryAfter);
        Assert.Equal(BucketCheckStatus.Allowed, inTime.Status);
        Assert.Equal(0, inTime.Remaining);
    }

    [Fact]
    public async Task TakesFromEveryBucketOrFromNone()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-all-or-none");
        (string, BucketLimit)[] both = [("ingest", BucketLimit.Of(10, 1)), ("batch", BucketLimit.Of(4, 1))];

        var first = await harness.Buckets.CheckAsync(subject, both, 3);
        var second = await harness.Buckets.CheckAsync(subject, both, 3);
        var ingestOnly = await harness.Buckets.CheckAsync(subject, [both[0]], 7);

        Assert.Equal(BucketCheckStatus.Allowed, first.Status);
        Assert.Equal(1, first.ConstrainingIndex);
        Assert.Equal(1, first.Remaining);
        Assert.Equal(BucketCheckStatus.Limited, second.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), second.RetryAfter);
        Assert.Equal(BucketCheckStatus.Allowed, ingestOnly.Status);
        Assert.Equal(0, ingestOnly.Remaining);
    }

    [Fact]
    public async Task RefusesACostAboveTheCapacityAsNeverAdmissible()
    {
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, new ManualClock());
        var subject = LimitSubject.Client("script-too-large");

        var check = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 6);
        var afterwards = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 5);

        Assert.Equal(BucketCheckStatus.TooLarge, check.Status);
        Assert.Equal(BucketCheckStatus.Allowed, afterwards.Status);
    }

    [Fact]
    public async Task AClockGoingBackwardsNeverCreatesTokens()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-backwards");
        await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 5);

        clock.AdvanceMilliseconds(-10_000);
        var back = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1);
        clock.AdvanceMilliseconds(10_100);
        var tooEarly = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1);
        clock.AdvanceMilliseconds(100);
        var inTime = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1);

        Assert.Equal(BucketCheckStatus.Limited, back.Status);
        Assert.Equal(BucketCheckStatus.Limited, tooEarly.Status);
        Assert.Equal(BucketCheckStatus.Allowed, inTime.Status);
    }

    [Fact]
    public async Task AChangedCapacityKeepsTheTokensUpToTheNewCapacity()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-capacity-change");
        await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(100, 10))], 40);

        var raised = await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(200, 10))], 1);
        var lowered = await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(20, 10))], 1);

        Assert.Equal(59, raised.Remaining);
        Assert.Equal(19, lowered.Remaining);
    }

    [Fact]
    public async Task StoresOneHashTaggedStringOfTokensAndTimePerBucketThatExpiresWhenItWouldBeFull()
    {
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock: null);
        var subject = LimitSubject.Client("script-keys");

        var started = Stopwatch.GetTimestamp();
        await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(20, 10))], 1);

        var db = harness.Redis.GetDatabase();
        var type = await db.KeyTypeAsync("ep:{script-keys}:ingest");
        var stored = StoredBucket.Decode(await db.StringGetAsync("ep:{script-keys}:ingest"));
        var ttl = await db.KeyTimeToLiveAsync("ep:{script-keys}:ingest");
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(RedisType.String, type);
        Assert.Equal(19, stored!.Value.Tokens);
        // Set to 3 s by the script; what has passed since can only have shortened it (PTTL counts in ms).
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(3) - elapsed - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ABucketAnEarlierVersionStoredAsAHashIsChargedAndThenReplaced()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var db = harness.Redis.GetDatabase();
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.HashSetAsync("ep:{script-legacy}:ingest", [new("tokens", "3"), new("ts", nowMs.ToString(CultureInfo.InvariantCulture))]);

        var fromHash = await StoredBucket.ReadAsync(db, "ep:{script-legacy}:ingest");
        var check = await harness.Buckets.CheckAsync(LimitSubject.Client("script-legacy"), [("ingest", BucketLimit.Of(10, 0.001))], 1);

        Assert.Equal((3d, (double)nowMs), fromHash);
        Assert.Equal(BucketCheckStatus.Allowed, check.Status);
        Assert.Equal(2, check.Remaining);
        Assert.Equal(RedisType.String, await db.KeyTypeAsync("ep:{script-legacy}:ingest"));
        Assert.Equal((2d, (double)nowMs), await StoredBucket.ReadAsync(db, "ep:{script-legacy}:ingest"));
    }

    [Fact]
    public async Task UsesTheRedisClockUnlessAppTimeIsSwitchedOn()
    {
        // The app's clock stands months away from Redis's, so a stamp tells which of the two the script used.
        var appClock = new ManualClock();
        await using var redisTime = await LimiterHarness.StartAsync(redis.ConnectionString, appClock, o => o.UseAppTime = false);
        await using var appTime = await LimiterHarness.StartAsync(redis.ConnectionString, appClock);

        await redisTime.Buckets.CheckAsync(LimitSubject.Client("script-redis-time"), [("ingest", s_fivePerSecond)], 1);
        await appTime.Buckets.CheckAsync(LimitSubject.Client("script-app-time"), [("ingest", s_fivePerSecond)], 1);

        var db = redisTime.Redis.GetDatabase();
        var redisStamp = (await StoredBucket.ReadAsync(db, "ep:{script-redis-time}:ingest"))!.Value.StampMs;
        var appStamp = (await StoredBucket.ReadAsync(db, "ep:{script-app-time}:ingest"))!.Value.StampMs;
        // TIME read as the script reads it, to the microsecond: in whole milliseconds a stamp taken in
        // the same millisecond looked later than the clock read after it.
        var time = (RedisResult[])(await db.ExecuteAsync("TIME"))!;
        var redisNowMs = (long)time[0] * 1000d + (long)time[1] / 1000d;
        Assert.InRange(redisNowMs - redisStamp, 0, 60_000);
        Assert.Equal(appClock.GetUtcNow().ToUnixTimeMilliseconds(), appStamp);
    }

    [Fact]
    public async Task ReloadsTheScriptWhenRedisAnswersNoScript()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("script-noscript");
        await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1);

        await using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].ScriptFlushAsync();
        }
        var afterFlush = await harness.Buckets.CheckAsync(subject, [("ingest", s_fivePerSecond)], 1);

        Assert.Equal(BucketCheckStatus.Allowed, afterFlush.Status);
        Assert.Equal(3, afterFlush.Remaining);
    }
}
