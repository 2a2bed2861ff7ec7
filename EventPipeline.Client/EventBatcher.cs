using System.Threading.Channels;
using EventPipeline.Client.Http;
using EventPipeline.Contracts.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventPipeline.Client;

/// <summary>
/// Background batching: events wait in a bounded buffer and leave in batches of up to
/// <see cref="EventPipelineClientOptions.BatchSize"/>, at the latest <see cref="EventPipelineClientOptions.BatchInterval"/>
/// after the first one came in. Events answered rate_limited or unavailable are sent again (same ids)
/// after their retry_after, within the retry budget. Disposing flushes everything still buffered.
/// </summary>
public sealed partial class EventBatcher : IAsyncDisposable
{
    private readonly Func<EventPipelineClient> _client;
    private readonly EventPipelineClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EventBatcher> _logger;
    private readonly Channel<PipelineEvent> _buffer;
    private readonly Task _sending;
    private long _stored;
    private long _failed;
    private long _batches;

    public EventBatcher(Func<EventPipelineClient> client, IOptions<EventPipelineClientOptions> options, TimeProvider time, ILogger<EventBatcher> logger)
    {
        _client = client;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _buffer = Channel.CreateBounded<PipelineEvent>(new BoundedChannelOptions(_options.BatchBufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Events the API has stored (accepted or duplicate).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Events the API refused for good, or still refused when the retry budget ran out (logged each).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Batch requests sent, retries included.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Buffers an event; waits while the buffer is full.</summary>
    public ValueTask EnqueueAsync(PipelineEvent pipelineEvent, CancellationToken ct = default) => _buffer.Writer.WriteAsync(pipelineEvent, ct);

    /// <summary>Buffers an event unless the buffer is full.</summary>
    public bool TryEnqueue(PipelineEvent pipelineEvent) => _buffer.Writer.TryWrite(pipelineEvent);

    /// <summary>Takes no more events and returns once every buffered one has been sent.</summary>
    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        await _sending;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<PipelineEvent>(_options.BatchSize);
        while (await _buffer.Reader.WaitToReadAsync())
        {
            var deadline = _time.GetUtcNow() + _options.BatchInterval;
            while (batch.Count < _options.BatchSize)
            {
                if (_buffer.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    continue;
                }
                var left = deadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero || !await MoreWithinAsync(left))
                {
                    break;
                }
            }
            await SendWithResendsAsync(batch);
            batch.Clear();
        }
    }

    // True when more events came in time; false when the wait ran out or the buffer was completed.
    private async Task<bool> MoreWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        try
        {
            return await _buffer.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendWithResendsAsync(List<PipelineEvent> batch)
    {
        var budget = new RetryBudget(_options, Random.Shared.NextDouble);
        var pending = batch;
        while (pending.Count > 0)
        {
            BatchResult result;
            try
            {
                Interlocked.Increment(ref _batches);
                result = await _client().SendBatchAsync(pending);
            }
            catch (Exception e) when (e is EventPipelineProblemException or HttpRequestException or TaskCanceledException)
            {
                Fail(pending.Count, e.Message);
                return;
            }

            var again = new List<PipelineEvent>();
            foreach (var item in result.Results)
            {
                if (item.IsStored)
                {
                    Interlocked.Increment(ref _stored);
                }
                else if (item.IsRetryable)
                {
                    again.Add(pending[item.Index]);
                }
                else
                {
                    Fail(1, $"event {item.EventId}: {item.Status}");
                }
            }
            var retryAfter = result.Results.Where(r => r.IsRetryable).Select(r => r.RetryAfter ?? 1).DefaultIfEmpty(0).Max();
            if (again.Count > 0 && budget.Next(TimeSpan.FromSeconds(retryAfter)) is { } delay)
            {
                await Task.Delay(delay, _time);
            }
            else if (again.Count > 0)
            {
                Fail(again.Count, "still refused when the retry budget ran out");
                return;
            }
            pending = again;
        }
    }

    private void Fail(int count, string reason)
    {
        Interlocked.Add(ref _failed, count);
        LogNotStored(_logger, count, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} buffered events were not stored: {Reason}")]
    private static partial void LogNotStored(ILogger logger, int count, string reason);
}
