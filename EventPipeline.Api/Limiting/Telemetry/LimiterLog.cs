using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.Telemetry;

internal static partial class LimiterLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Shadow policy {Policy} would have limited {Subject} (cost {Cost}, retry after {RetryAfterMs} ms)")]
    public static partial void ShadowLimited(ILogger logger, string policy, string subject, long cost, double retryAfterMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Limiter Redis call failed for policy {Policy} ({Reason}); failure mode {FailureMode}: {Detail}")]
    public static partial void RedisFailed(ILogger logger, string policy, FailureMode failureMode, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Limiter circuit opened after sustained Redis failures; decisions use each policy's failure mode")]
    public static partial void CircuitOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Limiter warm-up did not reach Redis; the first decisions pay for connecting: {Reason}")]
    public static partial void WarmupFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Limiter config version {Version} applied")]
    public static partial void ConfigApplied(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Limiter config refresh failed: {Reason}")]
    public static partial void ConfigRefreshFailed(ILogger logger, string reason);
}
