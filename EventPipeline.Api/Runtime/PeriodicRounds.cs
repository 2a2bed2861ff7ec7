namespace EventPipeline.Api.Runtime;

/// <summary>
/// The loop of a background service that does one round of work per period until the host stops.
/// A round that fails in any way is reported and the next round runs. An exception escaping
/// <c>ExecuteAsync</c> stops the whole host (the default <c>BackgroundServiceExceptionBehavior.StopHost</c>),
/// and a replica must not stop serving requests because a once-a-second side job lost Redis or
/// PostgreSQL. Lists of the exception types to expect proved not enough: <c>RedisTimeoutException</c>
/// is no <c>RedisException</c>, and a connection that dies mid-command can also surface as
/// <see cref="TaskCanceledException"/>, <see cref="IOException"/> or <see cref="ObjectDisposedException"/>.
/// </summary>
internal static class PeriodicRounds
{
    /// <summary>Runs <paramref name="round"/> now (if <paramref name="firstRoundAtStart"/>) and then once per period.</summary>
    public static async Task RunAsync(TimeSpan period, Func<CancellationToken, Task> round, Action<Exception> failed,
        CancellationToken stoppingToken, TimeProvider? time = null, bool firstRoundAtStart = false)
    {
        using var timer = new PeriodicTimer(period, time ?? TimeProvider.System);
        if (firstRoundAtStart)
        {
            await RunRoundAsync(round, failed, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunRoundAsync(round, failed, stoppingToken);
        }
    }

    private static async Task RunRoundAsync(Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            await round(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            failed(ex);
        }
    }
}
