using System.Net;
using EventPipeline.Api.Storage;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Ingestion;

/// <summary>Hands validated events to the group-commit writer and waits for their own outcome.</summary>
internal sealed class EventIngestor
{
    private readonly GroupCommitWriter _writer;
    private readonly IngestionMetrics _metrics;
    private readonly TimeSpan _commitTimeout;

    public EventIngestor(GroupCommitWriter writer, IngestionMetrics metrics, IOptions<IngestionOptions> options)
    {
        _writer = writer;
        _metrics = metrics;
        _commitTimeout = options.Value.CommitTimeout;
    }

    public async Task<IReadOnlyList<StoreOutcome>> IngestAsync(string clientId, IReadOnlyList<IncomingEvent> events, IPAddress? clientIp, CancellationToken ct)
    {
        var writes = new EventWrite[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            writes[i] = new EventWrite(clientId, events[i], clientIp);
            if (!_writer.TryEnqueue(writes[i]))
            {
                writes[i].Complete(StoreOutcome.Unavailable);
                _metrics.RecordRejected("queue_full");
            }
        }

        var outcomes = new StoreOutcome[writes.Length];
        for (var i = 0; i < writes.Length; i++)
        {
            outcomes[i] = await WaitAsync(writes[i], ct);
            _metrics.RecordOutcome(OutcomeName(outcomes[i]));
        }
        return outcomes;
    }

    // A commit still running when the wait ends may yet store the event: that is "stored but not
    // acknowledged", which a client's retry turns into "duplicate". A 2xx is never given without COMMIT.
    private async Task<StoreOutcome> WaitAsync(EventWrite write, CancellationToken ct)
    {
        try
        {
            return await write.Completion.WaitAsync(_commitTimeout, ct);
        }
        catch (TimeoutException)
        {
            return StoreOutcome.Unavailable;
        }
    }

    public static string OutcomeName(StoreOutcome outcome) => outcome switch
    {
        StoreOutcome.Accepted => "accepted",
        StoreOutcome.Duplicate => "duplicate",
        StoreOutcome.Conflict => "conflict",
        StoreOutcome.Unstorable => "unstorable",
        _ => "unavailable",
    };
}
