using System.Net;
using EventPipeline.Api.Events.Store;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Events;

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
        var outcomes = new StoreOutcome[events.Count];
        // Writer loops race, so an event id repeated in one request waits for its earlier
        // occurrence's outcome: the first in the request's order is the one stored, later ones
        // meet its row and are answered duplicate (or conflict).
        foreach (var round in OccurrenceRounds(events))
        {
            var writes = new EventWrite[round.Count];
            for (var i = 0; i < round.Count; i++)
            {
                writes[i] = new EventWrite(clientId, events[round[i]], clientIp);
                if (!_writer.TryEnqueue(writes[i]))
                {
                    writes[i].Complete(StoreOutcome.Unavailable);
                    _metrics.RecordRejected("queue_full");
                }
            }
            for (var i = 0; i < writes.Length; i++)
            {
                outcomes[round[i]] = await WaitAsync(writes[i], ct);
                _metrics.RecordOutcome(OutcomeName(outcomes[round[i]]));
            }
        }
        return outcomes;
    }

    // Round k holds the indexes of each event id's (k+1)-th occurrence, in the request's order.
    private static List<List<int>> OccurrenceRounds(IReadOnlyList<IncomingEvent> events)
    {
        var rounds = new List<List<int>> { new(events.Count) };
        if (events.Count == 1)
        {
            rounds[0].Add(0);
            return rounds;
        }
        var seen = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            ref var occurrences = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(seen, events[i].EventId, out _);
            if (occurrences == rounds.Count)
            {
                rounds.Add([]);
            }
            rounds[occurrences++].Add(i);
        }
        return rounds;
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
