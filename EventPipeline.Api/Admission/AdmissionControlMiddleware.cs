using EventPipeline.Api.Runtime;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

/// <summary>
/// Sheds load before any costly work (token validation, the limiter, storage): while the thread
/// pool holds a standing queue longer than <see cref="AdmissionOptions.MaxQueueDelayMilliseconds"/>,
/// new requests get 503 with Retry-After at the cost of a few field reads, so the requests already
/// admitted keep their latency instead of everything slowing together. This is CoDel's rule (act on
/// the least delay over an interval, not on a spike) applied to the thread pool, which is where an
/// overloaded ASP.NET Core process queues its work.
/// </summary>
internal sealed class AdmissionControlMiddleware(RequestDelegate next, IQueueDelaySource process, AdmissionMetrics metrics,
    IOptions<AdmissionOptions> options)
{
    private readonly PathString[] _exempt = [.. options.Value.ExemptPaths.Select(path => new PathString(path))];
    private readonly TimeSpan _maxDelay = TimeSpan.FromMilliseconds(options.Value.MaxQueueDelayMilliseconds);

    public Task InvokeAsync(HttpContext context)
    {
        if (process.StandingDelay <= _maxDelay || IsExempt(context.Request.Path))
        {
            return next(context);
        }
        metrics.RecordShed();
        return AdmissionRejection.WriteAsync(context, options.Value.RetryAfterSeconds);
    }

    private bool IsExempt(PathString path)
    {
        foreach (var exempt in _exempt)
        {
            if (path.StartsWithSegments(exempt))
            {
                return true;
            }
        }
        return false;
    }
}
