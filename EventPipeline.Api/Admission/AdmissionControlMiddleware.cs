using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

/// <summary>
/// Sheds load before any costly work (token validation, the limiter, storage): a request starts
/// when one of <see cref="AdmissionOptions.MaxConcurrentRequests"/> slots is free, waits for one
/// at most <see cref="AdmissionOptions.QueueTimeoutMilliseconds"/>, or gets 503 with Retry-After.
/// The queueing is <see cref="ConcurrencyLimiter"/>'s, newest first: under overload the requests
/// that waited longest, whose clients are the likeliest to have given up, are the ones refused.
/// </summary>
internal sealed class AdmissionControlMiddleware(RequestDelegate next, ConcurrencyLimiter slots, AdmissionMetrics metrics,
    IOptions<AdmissionOptions> options)
{
    private readonly PathString[] _exempt = [.. options.Value.ExemptPaths.Select(path => new PathString(path))];
    private readonly TimeSpan _queueTimeout = TimeSpan.FromMilliseconds(options.Value.QueueTimeoutMilliseconds);

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }
        using var slot = await WaitForSlotAsync(context.RequestAborted);
        if (!slot.IsAcquired)
        {
            metrics.RecordShed();
            await AdmissionRejection.WriteAsync(context, options.Value.RetryAfterSeconds);
            return;
        }
        metrics.RecordAdmitted();
        await next(context);
    }

    private async ValueTask<RateLimitLease> WaitForSlotAsync(CancellationToken requestAborted)
    {
        var lease = slots.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_queueTimeout);
        try
        {
            return await slots.AcquireAsync(1, deadline.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return AdmissionRejection.Lease;
        }
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
