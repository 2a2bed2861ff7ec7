namespace EventPipeline.Api.Identity;

/// <summary>
/// Waits for a Redis call no longer than a deadline without losing what the call does afterwards:
/// a call given up on still runs, and its late failure is handed to <c>onLateFailure</c> (observed)
/// instead of surfacing as an unobserved task exception.
/// </summary>
internal static class BoundedRedisCall
{
    public static async Task<T> WithinAsync<T>(Task<T> call, TimeSpan deadline, Action<Exception> onLateFailure)
    {
        try
        {
            return await call.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            _ = call.ContinueWith(
                static (late, report) => ((Action<Exception>)report!)(late.Exception!.GetBaseException()),
                onLateFailure, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }
}
