using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class TokenBucketPropertyTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task RandomRequestsPausesAndConfigChangesMatchThePlainModelAndStayWithinTheBound(int seed)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client($"property-{seed}");
        var model = new BucketModel();
        var limits = new[] { RandomLimit(random), RandomLimit(random) };
        var admitted = new List<(double At, long Cost)>();
        var (maxCapacity, maxRefill) = (limits.Max(l => l.Capacity), limits.Max(l => l.Refill));
        var latest = 0.0;

        for (var step = 0; step < 150; step++)
        {
            switch (random.Next(10))
            {
                case 0:
                    limits[random.Next(2)] = RandomLimit(random);
                    maxCapacity = Math.Max(maxCapacity, limits.Max(l => l.Capacity));
                    maxRefill = Math.Max(maxRefill, limits.Max(l => l.Refill));
                    break;
                case 1:
                    clock.AdvanceMilliseconds(-random.Next(0, 400));
                    break;
                case 2 or 3:
                    clock.AdvanceMilliseconds(random.Next(1, 800));
                    break;
            }
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            latest = Math.Max(latest, now);
            var cost = random.Next(10) == 0 ? random.Next(5, 40) : random.Next(1, 4);
            (string, BucketLimit)[] buckets = random.Next(3) == 0 ? [("a", limits[0]), ("b", limits[1])] : [("a", limits[0])];

            var expected = model.Take(buckets, cost, now, out var expectedRetry);
            var actual = await harness.Buckets.CheckAsync(subject, buckets, cost);

            Assert.Equal(expected, actual.Status);
            if (expected == BucketCheckStatus.Limited)
            {
                Assert.Equal(expectedRetry, actual.RetryAfter.TotalMilliseconds);
            }
            if (expected == BucketCheckStatus.Allowed)
            {
                admitted.Add((latest, cost));
            }
        }

        AssertWithinBound(admitted, maxCapacity, maxRefill);
    }

    [Fact]
    public async Task FortyRequestsASecondAgainstTenASecondAdmitTenASecondEvenlySpread()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(redis.ConnectionString, clock);
        var subject = LimitSubject.Client("property-sub-second");
        var limit = BucketLimit.Of(1, 10);
        var admittedAt = new List<double>();

        for (var i = 0; i < 160; i++)
        {
            var check = await harness.Buckets.CheckAsync(subject, [("ingest", limit)], 1);
            if (check.Status == BucketCheckStatus.Allowed)
            {
                admittedAt.Add(i * 25);
            }
            clock.AdvanceMilliseconds(25);
        }

        for (var second = 0; second < 4; second++)
        {
            Assert.Equal(10, admittedAt.Count(t => t >= second * 1000 && t < (second + 1) * 1000));
        }
        Assert.All(admittedAt.Zip(admittedAt.Skip(1), (a, b) => b - a), gap => Assert.Equal(100, gap));
    }

    private static BucketLimit RandomLimit(Random random) => BucketLimit.Of(random.Next(5, 30), random.Next(5, 20) / 2.0);

    /// <summary>In any interval of length t, the admitted cost is at most capacity + refill * t (+1).</summary>
    private static void AssertWithinBound(List<(double At, long Cost)> admitted, double capacity, double refill)
    {
        for (var i = 0; i < admitted.Count; i++)
        {
            long total = 0;
            for (var j = i; j < admitted.Count; j++)
            {
                total += admitted[j].Cost;
                var seconds = (admitted[j].At - admitted[i].At) / 1000;
                Assert.True(total <= capacity + (refill * seconds) + 1,
                    $"{total} admitted in {seconds} s exceeds {capacity} + {refill}/s.");
            }
        }
    }
}
