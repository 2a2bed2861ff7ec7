namespace EventPipeline.Client.Http;

/// <summary>
/// How long to wait before the next try, or null when the budget (tries, total wait) is spent.
/// The API's Retry-After is a floor, never shortened; jitter only adds to it, so clients refused
/// together do not all come back in the same instant.
/// </summary>
internal sealed class RetryBudget(EventPipelineClientOptions options, Func<double> random)
{
    private int _attempts = 1;
    private TimeSpan _waited;

    public TimeSpan? Next(TimeSpan? retryAfter)
    {
        if (_attempts >= options.MaxAttempts)
        {
            return null;
        }
        var floor = retryAfter ?? options.FirstRetryDelay * Math.Pow(2, _attempts - 1);
        var jitter = TimeSpan.FromMilliseconds(Math.Max(floor.TotalMilliseconds * 0.2, 100) * random());
        var delay = floor + jitter;
        if (_waited + delay > options.MaxTotalRetryDelay)
        {
            return null;
        }
        _attempts++;
        _waited += delay;
        return delay;
    }
}
