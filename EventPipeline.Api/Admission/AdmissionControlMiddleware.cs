using EventPipeline.Api.Runtime;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

/// <summary>
/// Sheds load before any costly work (token validation, the limiter, storage): while one of the
/// process's queues holds a standing queue longer than <see cref="AdmissionOptions.MaxQueueDelayMilliseconds"/>,
/// new requests get 503 with Retry-After at the cost of a few field reads, so the requests already
/// admitted keep their latency instead of everything slowing together. This is CoDel's rule (act on
/// the least delay over an interval, not on a spike) applied where an overloaded replica queues its
/// work: the thread pool (CPU), the group commit's queue (PostgreSQL), and for writes the time the
/// admitted writes took (<see cref="WriteResponseTime"/>: CPU the machine has not got, which queues
/// in the kernel rather than in any queue of ours). New writes are also refused while the replica
/// works on as many as it takes at once (<see cref="WritesInProgress"/>), which keeps the backlog
/// those signals react to from forming.
/// </summary>
internal sealed class AdmissionControlMiddleware(RequestDelegate next, IQueueDelaySource process,
    IEnumerable<IWriteQueueDelaySource> writes, WriteResponseTime responseTime, WritesInProgress inProgress, AdmissionMetrics metrics,
    IOptions<AdmissionOptions> options)
{
    private readonly IWriteQueueDelaySource[] _writes = [.. writes];
    private readonly PathString[] _writePaths = [.. options.Value.WritePaths.Select(path => new PathString(path))];
    private readonly PathString[] _exempt = [.. options.Value.ExemptPaths.Select(path => new PathString(path))];
    private readonly TimeSpan _maxDelay = TimeSpan.FromMilliseconds(options.Value.MaxQueueDelayMilliseconds);
    // One delegate for every write: a method group of an instance method is a new delegate each time.
    private readonly Action _enterInProgress = inProgress.Enter;

    public Task InvokeAsync(HttpContext context)
    {
        var isWrite = IsWrite(context.Request);
        if (Congested(isWrite) is not { } queue || IsExempt(context.Request.Path))
        {
            return isWrite ? AdmittedWriteAsync(context) : next(context);
        }
        metrics.RecordShed(queue);
        return AdmissionRejection.WriteAsync(context, options.Value.RetryAfterSeconds);
    }

    private async Task AdmittedWriteAsync(HttpContext context)
    {
        var write = responseTime.Start(_enterInProgress);
        context.Features.Set(write);
        if (BodyAlreadyHere(context.Request))
        {
            write.MarkArrived();
        }
        try
        {
            await next(context);
        }
        finally
        {
            if (write.ArrivedAt is not null)
            {
                inProgress.Leave();
            }
        }
        // Only single-event writes are timed: their work is the same each time, so their time says how
        // loaded the replica is; a batch's time grows with its size (100 events take long on an idle replica).
        if (IsSingleEventWrite(context.Request.Path) && context.Response.StatusCode is >= 200 and < 300)
        {
            responseTime.Record(write);
        }
    }

    // A body that came with its headers (nearly every event) has arrived now: the write counts, and is
    // timed, from here, so its token validation and limiter decision are inside the bound (counted from
    // the endpoint's read, writes piled up uncounted in front of it: p99 250 ms past saturation). A body
    // still on its way counts from when the reader has it all; nothing is consumed here.
    private static bool BodyAlreadyHere(HttpRequest request)
    {
        if (request.ContentLength is not { } length)
        {
            return false;
        }
        try
        {
            if (length == 0 || !request.BodyReader.TryRead(out var read))
            {
                return length == 0;
            }
            var here = read.IsCompleted || read.Buffer.Length >= length;
            request.BodyReader.AdvanceTo(read.Buffer.Start);
            return here;
        }
        catch (BadHttpRequestException)
        {
            // A body over the server's limit: the reader answers it.
            return false;
        }
    }

    private bool IsSingleEventWrite(PathString path)
    {
        foreach (var writePath in _writePaths)
        {
            if (path.Equals(writePath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsWrite(HttpRequest request) => HttpMethods.IsPost(request.Method) && StartsWithAny(request.Path, _writePaths);

    /// <summary>The name of the queue that refuses this request, or null.</summary>
    private string? Congested(bool isWrite)
    {
        if (process.StandingDelay > _maxDelay)
        {
            return process.Queue;
        }
        if (!isWrite)
        {
            return null;
        }
        if (inProgress.IsFull)
        {
            return "in_progress";
        }
        foreach (var queue in _writes)
        {
            if (queue.StandingDelay > _maxDelay)
            {
                return queue.Queue;
            }
        }
        return null;
    }

    private bool IsExempt(PathString path) => StartsWithAny(path, _exempt);

    private static bool StartsWithAny(PathString path, PathString[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWithSegments(prefix))
            {
                return true;
            }
        }
        return false;
    }
}
