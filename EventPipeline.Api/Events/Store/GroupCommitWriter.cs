using System.Diagnostics;
using System.Threading.Channels;
using EventPipeline.Api.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>
/// Requests hand their events to a bounded queue; a few writer loops each store whatever is
/// waiting in one round trip, so commits are shared between concurrent requests. No artificial
/// delay: a lone event is written at once, and batches grow by themselves while commits are in flight.
/// How long events wait for a free loop is admission control's second signal (see <see cref="StandingDelay"/>).
/// </summary>
internal sealed partial class GroupCommitWriter : BackgroundService, IWriteQueueDelaySource
{
    private static readonly TimeSpan s_delayInterval = TimeSpan.FromMilliseconds(100);
    private readonly StandingDelay _waits = new(s_delayInterval);
    private readonly Channel<EventWrite> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IngestionMetrics _metrics;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly int _maxBatch;
    private readonly int _writers;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IngestionMetrics metrics, IOptions<IngestionOptions> options, ILogger<GroupCommitWriter> logger)
    {
        _dataSource = dataSource;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = options.Value.MaxWriteBatch;
        _writers = options.Value.Writers;
        _queue = Channel.CreateBounded<EventWrite>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = _writers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.ObserveQueueDepth(() => _queue.Reader.Count);
        metrics.ObserveQueueCapacity(options.Value.QueueCapacity);
    }

    public string Queue => "commit";

    /// <summary>
    /// The least wait of a batch's oldest event for a free writer loop lately; while no loop has been
    /// free to take a batch, the wait of the event at the head of the queue so far.
    /// </summary>
    public TimeSpan StandingDelay => _waits.Current
        ?? (_queue.Reader.TryPeek(out var head) ? Stopwatch.GetElapsedTime(head.CreatedAt) : TimeSpan.Zero);

    /// <summary>False when the queue is full or the writer is stopping: the caller answers 503.</summary>
    public bool TryEnqueue(EventWrite write) => _queue.Writer.TryWrite(write);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new events, then let the loop store what is already queued.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => Task.Run(WriteLoopAsync, CancellationToken.None)));

    // Each loop takes whatever is waiting when it is free, and writes through its own connection.
    // The same event in two loops' batches at once is safe: the second INSERT waits for the
    // first's row and then reports a duplicate.
    private async Task WriteLoopAsync()
    {
        await using var batchWriter = new EventBatchWriter(_dataSource);
        var batch = new List<EventWrite>(_maxBatch);
        var deferred = new List<EventWrite>();
        while (deferred.Count > 0 || await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            TakeBatch(batch, deferred);
            // Several loops wake for one event; those that find the queue already emptied write nothing.
            if (batch.Count > 0)
            {
                _waits.Record(Stopwatch.GetElapsedTime(batch[0].CreatedAt));
                await WriteAsync(batchWriter, batch);
            }
            batch.Clear();
        }
    }

    // The same (client, event id) twice in one batch would be inserted once and reported twice as
    // inserted; the second waits for the next batch, where it meets the stored row.
    private void TakeBatch(List<EventWrite> batch, List<EventWrite> deferred)
    {
        var keys = new HashSet<(string, string)>();
        var carried = deferred.ToArray();
        deferred.Clear();
        foreach (var write in carried)
        {
            Add(write);
        }
        while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
        {
            Add(write);
        }

        void Add(EventWrite write)
        {
            if (keys.Add((write.ClientId, write.Event.EventId)))
            {
                batch.Add(write);
            }
            else
            {
                deferred.Add(write);
            }
        }
    }

    private async Task WriteAsync(EventBatchWriter batchWriter, List<EventWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await batchWriter.WriteAsync(batch, CancellationToken.None);
            _metrics.RecordCommit(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (PostgresException ex) when (IsDataException(ex))
        {
            // Validation should keep every unstorable value out; if one slips through, it must not
            // fail the other clients' events sharing its commit. Halving finds it in log2(n) commits.
            LogUnstorableValue(_logger, batch.Count, ex.SqlState, ex.MessageText);
            if (batch.Count == 1)
            {
                batch[0].Complete(StoreOutcome.Unstorable);
                return;
            }
            var half = batch.Count / 2;
            await WriteAsync(batchWriter, batch[..half]);
            await WriteAsync(batchWriter, batch[half..]);
        }
        // Any other failure, not a list of expected ones: an exception escaping here would end this
        // writer loop and leave the batch's requests waiting for an answer that never comes.
        catch (Exception ex)
        {
            LogBatchFailed(_logger, batch.Count, ex);
            _metrics.RecordCommitFailure();
            foreach (var write in batch)
            {
                // Nothing was acknowledged; a write whose COMMIT outcome is unknown may be stored,
                // which is allowed: the client retries and gets "duplicate".
                write.Complete(StoreOutcome.Unavailable);
            }
        }
    }

    // SQLSTATE class 22: a value PostgreSQL cannot take (bad text, numeric out of range, ...).
    private static bool IsDataException(PostgresException ex) => ex.SqlState.StartsWith("22", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused a value in a batch of {Count} events ({SqlState}: {Reason}); storing it in halves")]
    private static partial void LogUnstorableValue(ILogger logger, int count, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a batch of {Count} events failed; they are answered 503")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
