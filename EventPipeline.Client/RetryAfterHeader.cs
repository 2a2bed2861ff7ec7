namespace EventPipeline.Client;

internal static class RetryAfterHeader
{
    /// <summary>Retry-After as a delay, whether sent as seconds or as a date.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider? time = null) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (time ?? TimeProvider.System).GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
