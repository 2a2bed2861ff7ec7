using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData(1, 0.001, 0, 999.2, 999.2, "1", "1000", "0", "1000", "1000")]
    [InlineData(100, 10, 0, 0.05, 0.05, "100", "10", "0", "1", "1")]
    [InlineData(1023, 1, 1022.6, 0, 0, "1023", "1023", "1022", "0", null)]
    [InlineData(5000, 1, 4999, 1, 1023.5, "5000", "5000", "4999", "1024", null)]
    [InlineData(2_000_000, 1, 1_999_999, 1, 1, "2000000", "2000000", "1999999", "1", null)]
    public void HeaderFiguresAreWholeSecondsAndTokensAtEverySize(
        double capacity, double refill, double remaining, double retryAfterSeconds, double resetSeconds,
        string q, string w, string r, string t, string? retryAfter)
    {
        var outcome = retryAfter is null ? LimitOutcome.Allowed : LimitOutcome.Limited;
        var decision = new LimitDecision("ingest", outcome, BucketLimit.Of(capacity, refill), (long)remaining,
            TimeSpan.FromSeconds(retryAfterSeconds), TimeSpan.FromSeconds(resetSeconds));
        var response = new DefaultHttpContext().Response;

        RateLimitHeaders.Write(response, decision);

        Assert.Equal($"\"ingest\";q={q};w={w}", response.Headers["RateLimit-Policy"]);
        Assert.Equal($"\"ingest\";r={r};t={t}", response.Headers["RateLimit"]);
        Assert.Equal(q, response.Headers["X-RateLimit-Limit"]);
        Assert.Equal(r, response.Headers["X-RateLimit-Remaining"]);
        Assert.Equal(t, response.Headers["X-RateLimit-Reset"]);
        Assert.Equal(retryAfter, response.Headers.RetryAfter.ToString() is { Length: > 0 } sent ? sent : null);
    }
}
