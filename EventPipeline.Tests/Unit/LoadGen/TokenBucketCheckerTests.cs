using EventPipeline.LoadGen.Checking;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class TokenBucketCheckerTests
{
    private static List<double> Steady(double rps, double seconds) =>
        Enumerable.Range(0, (int)(rps * seconds)).Select(i => i / rps).ToList();

    // A correct bucket, written independently of the checker's, deciding on its own arrival times.
    private static List<CheckSample> CorrectBucket(IEnumerable<double> arrivals, double capacity, double refill, double delay = 0)
    {
        var tokens = capacity;
        var last = 0.0;
        var samples = new List<CheckSample>();
        foreach (var sent in arrivals)
        {
            var arrival = sent + delay;
            tokens = Math.Min(capacity, tokens + ((arrival - last) * refill));
            last = arrival;
            var allowed = tokens >= 1;
            tokens -= allowed ? 1 : 0;
            samples.Add(new CheckSample(sent, allowed ? 202 : 429, arrival + 0.001));
        }

        return samples;
    }

    // A correct bucket deciding each request when it arrives, however late after its sending.
    private static List<CheckSample> CorrectBucketOnArrivals(IEnumerable<(double Sent, double Arrival)> requests, double capacity, double refill)
    {
        var tokens = capacity;
        var last = 0.0;
        var samples = new List<CheckSample>();
        foreach (var (sent, arrival) in requests.OrderBy(r => r.Arrival))
        {
            tokens = Math.Min(capacity, tokens + ((arrival - last) * refill));
            last = arrival;
            var allowed = tokens >= 1;
            tokens -= allowed ? 1 : 0;
            samples.Add(new CheckSample(sent, allowed ? 202 : 429, arrival + 0.001));
        }

        return samples;
    }

    // The classic wrong limiter: a fixed one-second window of `capacity`, which admits up to twice
    // the capacity across a window boundary and refills all at once instead of steadily.
    private static List<CheckSample> FixedWindow(IEnumerable<double> arrivals, int perWindow)
    {
        var counts = new Dictionary<long, int>();
        return arrivals.Select(t =>
        {
            var window = (long)Math.Floor(t);
            counts[window] = counts.GetValueOrDefault(window) + 1;
            return new CheckSample(t, counts[window] <= perWindow ? 202 : 429);
        }).ToList();
    }

    [Fact]
    public void IdealBucketAdmitsOnlyTheCapacityOfASimultaneousRush()
    {
        Assert.Equal(5, TokenBucketChecker.IdealAdmits(Enumerable.Repeat(0.0, 20), 5, 1, 1));
    }

    [Fact]
    public void IdealBucketAdmitsCapacityPlusRefillOverTime()
    {
        var admitted = TokenBucketChecker.IdealAdmits(Steady(100, 10), 10, 5, 1);

        Assert.InRange(admitted, 10 + 49, 10 + 51);
    }

    [Fact]
    public void IdealBucketChargesTheCostOfEachRequest()
    {
        Assert.Equal(2, TokenBucketChecker.IdealAdmits(Enumerable.Repeat(0.0, 10), 25, 1, 10));
    }

    [Fact]
    public void PassesACorrectBucketWhoseRequestsArriveLate()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);

        var result = checker.CheckClient("check-correct", CorrectBucket(Steady(50, 10), 20, 10, delay: 0.02));

        Assert.True(result.Passed, result.Reason);
        Assert.InRange(result.Admitted, result.LowerBound, result.UpperBound);
    }

    [Fact]
    public void PassesACorrectBucketWhoseRequestsQueueForSecondsBeforeTheyReachIt()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);
        // 200 requests sent at once reach the limiter one by one over four seconds, as behind a
        // saturated server: meanwhile the bucket refills, which a replay at send time cannot see.
        var samples = CorrectBucketOnArrivals(Enumerable.Range(0, 200).Select(i => (0.0, i * 0.02)), 20, 10);

        var result = checker.CheckClient("check-queued", samples);

        Assert.True(result.Admitted > result.IdealAdmits + 5, $"admitted {result.Admitted}, ideal {result.IdealAdmits}: the case needs a queue");
        Assert.True(result.Passed, result.Reason);
        Assert.True(result.MaxTravelSeconds >= 3.9);
    }

    [Fact]
    public void FailsALimiterThatAdmitsMoreThanTheBucketAllowsEvenWhenItsAnswersAreSlow()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);
        var slow = FixedWindow(Steady(50, 10), 20).Select(s => s with { AnsweredAt = s.SentAt + 3 }).ToList();

        var result = checker.CheckClient("check-fixed-window-slow", slow);

        Assert.False(result.Passed);
        Assert.True(result.Admitted > result.UpperBound);
    }

    [Fact]
    public void FailsALimiterThatAdmitsMoreThanTheBucketAllows()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);

        var result = checker.CheckClient("check-fixed-window", FixedWindow(Steady(50, 10), 20));

        Assert.False(result.Passed);
        Assert.True(result.Admitted > result.UpperBound);
        Assert.Contains("more than a correct bucket allows", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FailsALimiterThatAdmitsClearlyLessThanTheBucketGives()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);

        var result = checker.CheckClient("check-too-strict", CorrectBucket(Steady(50, 10), 20, 5));

        Assert.False(result.Passed);
        Assert.True(result.Admitted < result.LowerBound);
    }

    [Fact]
    public void RequestsThatNeverReachedTheBucketAreLeftOut()
    {
        var samples = CorrectBucket(Steady(50, 4), 20, 10)
            .Concat(Enumerable.Range(0, 100).Select(i => new CheckSample(i / 25.0, i % 2 == 0 ? 401 : 0)))
            .ToList();

        var result = new TokenBucketChecker(20, 10, 1, 0.5).CheckClient("check-unreached", samples);

        Assert.True(result.Passed, result.Reason);
        Assert.Equal(200, result.Considered);
    }

    [Fact]
    public void OneFailingClientFailsTheWholeCheck()
    {
        var checker = new TokenBucketChecker(20, 10, 1, 0.5);
        var arrivals = Steady(50, 5);

        var result = checker.Check([("check-good", CorrectBucket(arrivals, 20, 10)), ("check-bad", FixedWindow(arrivals, 20))]);

        Assert.False(result.Passed);
        Assert.True(result.Clients[0].Passed);
        Assert.False(result.Clients[1].Passed);
    }
}
