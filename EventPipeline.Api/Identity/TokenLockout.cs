using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Brute-force protection of the token endpoints. Only failed attempts cost: one token each from
/// the source's bucket (<c>token-endpoint</c>), the client id's bucket and the pair's bucket
/// (<c>token-client</c>). An empty bucket refuses further attempts before any secret is checked.
/// A source that has obtained a token for a client is familiar to it for a week and answers only
/// to its own pair's bucket, so failures of others, at another address or aimed at the same client
/// from elsewhere, never refuse correct credentials there.
/// </summary>
internal sealed partial class TokenLockout(
    DistributedLimiter limiter, ClientAuthenticator authenticator,
    IConnectionMultiplexer redis, IOptions<LimiterOptions> limiting, ILogger<TokenLockout> logger)
{
    internal static readonly TimeSpan FamiliarFor = TimeSpan.FromDays(7);

    public async Task<TokenAttempt> AuthenticateAsync(HttpContext context, string clientId, string secret)
    {
        var source = CallerSource.Of(context);
        var key = ClientAuthenticator.IsWellFormed(clientId) ? clientId : "(malformed)";
        var subjects = Subjects(key, source, await IsFamiliarAsync(key, source));
        foreach (var (policy, subject) in subjects)
        {
            var peek = await limiter.AcquireAsync(policy, subject, cost: 0);
            if (Refusal(peek) is { } refused)
            {
                LogLockedOut(logger, policy, source);
                RateLimitHeaders.Write(context.Response, refused);
                return new(null, RejectionResponses.For(refused));
            }
        }

        var client = await authenticator.AuthenticateAsync(clientId, secret, source, context.RequestAborted);
        if (client is null)
        {
            // Every bucket pays, familiar or not, so a familiar source still cannot guess for free.
            foreach (var (policy, subject) in Subjects(key, source, familiar: false))
            {
                await limiter.AcquireAsync(policy, subject, cost: 1);
            }
            return new(null, null);
        }
        await RememberAsync(key, source);
        return new(client, null);
    }

    private static (string Policy, LimitSubject Subject)[] Subjects(string clientId, string source, bool familiar)
    {
        // Not client subjects: these ids are unauthenticated, and must not reach the live view's busiest clients.
        var pair = (LimitPolicyNames.TokenClient, LimitSubject.Ip($"{source}|{clientId}"));
        return familiar
            ? [pair]
            : [(LimitPolicyNames.TokenEndpoint, LimitSubject.Ip(source)), (LimitPolicyNames.TokenClient, LimitSubject.Ip("client:" + clientId)), pair];
    }

    // A peek costs nothing; the bucket is locked when it cannot pay for one more failure.
    private static LimitDecision? Refusal(LimitDecision peek)
    {
        if (peek.Outcome == LimitOutcome.FailedClosed)
        {
            return peek;
        }
        if (peek.Limit is not { } limit || peek.Remaining >= 1)
        {
            return null;
        }
        // Reset is when the bucket is full again; one token comes (capacity - 1) / refill sooner.
        var untilOne = peek.Reset - TimeSpan.FromSeconds((limit.Capacity - 1) / limit.Refill);
        return peek with
        {
            Outcome = LimitOutcome.Limited,
            RetryAfter = untilOne > TimeSpan.FromSeconds(1) ? untilOne : TimeSpan.FromSeconds(1),
        };
    }

    private async Task<bool> IsFamiliarAsync(string clientId, string source)
    {
        try
        {
            return await BoundedRedisCall.WithinAsync(
                redis.GetDatabase().KeyExistsAsync(FamiliarKey(clientId, source)), RedisTimeout, LogLateFailure);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Unknown is unfamiliar: the stricter buckets apply, which the limiter keeps locally.
            return false;
        }
    }

    private async Task RememberAsync(string clientId, string source)
    {
        try
        {
            await BoundedRedisCall.WithinAsync(
                redis.GetDatabase().StringSetAsync(FamiliarKey(clientId, source), 1, FamiliarFor), RedisTimeout, LogLateFailure);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotRemembered(logger, ex.Message);
        }
    }

    private void LogLateFailure(Exception late) => LogLateRedisFailure(logger, late.Message);

    private TimeSpan RedisTimeout => TimeSpan.FromMilliseconds(limiting.Value.RedisTimeoutMilliseconds);

    private static RedisKey FamiliarKey(string clientId, string source) => $"ep:{{{clientId}}}:familiar:{source}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token request refused before checking credentials: {Policy} bucket of source {Source} is empty")]
    private static partial void LogLockedOut(ILogger logger, string policy, string source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A familiar-source Redis call given up on failed afterwards: {Reason}")]
    private static partial void LogLateRedisFailure(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remember a familiar token source: {Reason}")]
    private static partial void LogNotRemembered(ILogger logger, string reason);
}

/// <summary>The client when its credentials held; else the refusal to send, or neither for a plain failure.</summary>
internal sealed record TokenAttempt(ClientRecord? Client, ProblemHttpResult? Refusal);
