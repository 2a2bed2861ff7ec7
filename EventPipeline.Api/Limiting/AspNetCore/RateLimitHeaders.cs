using System.Globalization;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// The IETF draft headers (<c>RateLimit-Policy</c>, <c>RateLimit</c>) and the familiar X-RateLimit-*
/// ones; reset figures are delta seconds, rounded up. Without a consulted bucket (failed open or
/// closed) no quota is promised, so only Retry-After can be sent.
/// </summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, LimitDecision decision)
    {
        var headers = response.Headers;
        if (decision.Limit is { } limit)
        {
            var capacity = Whole(limit.Capacity);
            var window = Whole(Math.Ceiling(limit.WindowSeconds));
            var remaining = Whole(Math.Max(0, decision.Remaining));
            var reset = Whole(Math.Ceiling(decision.Reset.TotalSeconds));
            headers["RateLimit-Policy"] = $"\"{decision.Policy}\";q={capacity};w={window}";
            headers["RateLimit"] = $"\"{decision.Policy}\";r={remaining};t={reset}";
            headers["X-RateLimit-Limit"] = capacity;
            headers["X-RateLimit-Remaining"] = remaining;
            headers["X-RateLimit-Reset"] = reset;
        }
        if (!decision.IsAllowed && decision.Outcome != LimitOutcome.TooLarge)
        {
            headers.RetryAfter = Whole(decision.RetryAfterSeconds);
        }
    }

    private static string Whole(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
}
