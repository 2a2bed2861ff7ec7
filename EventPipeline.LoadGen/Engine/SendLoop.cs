using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Ledger;
using EventPipeline.LoadGen.Profiles;

namespace EventPipeline.LoadGen.Engine;

// The open-loop heart: a dedicated thread wakes about every millisecond, works out from the
// profile's integral how many requests are due by now, and dispatches exactly those, each with
// its own scheduled instant. Task.Delay's timer granularity never enters the picture. Writing a
// request costs more than scheduling it, so several loops share the schedule, each sending
// every shards-th request.
public sealed class SendLoop(
    SendSchedule schedule, RunOptions options, RunClock clock, RunRecorder recorder, IRequestSender sender, int shard, int shards)
{
    private const int RecentIds = 1024;
    private readonly Random _random = new(Environment.TickCount + shard);
    // Unseeded (so no two processes share a sequence): event ids from it cost no system call,
    // where Guid.NewGuid reads the kernel's random source for every event.
    private readonly Random _ids = new();
    private readonly EventTemplate _template = new(options.PayloadBytes, stamped: options.ClockSkewSeconds is not null);
    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds ?? 0);
    private readonly SentEvent[][] _recent = Enumerable.Range(0, options.Clients).Select(_ => new SentEvent[RecentIds]).ToArray();
    private readonly long[] _issued = new long[options.Clients];

    public void Run(CancellationToken cancellationToken)
    {
        long next = 1;
        var previous = 0.0;
        while (!cancellationToken.IsCancellationRequested && next <= schedule.TotalCount)
        {
            var now = clock.Seconds;
            var due = schedule.DueBy(now);
            var low = previous;
            for (; next <= due; next++)
            {
                if ((next - 1) % shards == shard)
                {
                    low = schedule.TimeOf(next, low, Math.Max(low, now));
                    Dispatch(next, low);
                }
            }

            previous = now;
            if (next <= schedule.TotalCount)
            {
                Thread.Sleep(1);
            }
        }
    }

    private void Dispatch(long index, double scheduled)
    {
        var client = (int)((index - 1) % options.Clients);
        if (recorder.InFlight >= options.MaxInFlight)
        {
            recorder.RecordSkipped();
            return;
        }

        recorder.RecordDispatched(client, scheduled);
        var content = CreateContent(client, out var eventId);
        sender.Send(client, scheduled, content, eventId);
    }

    // eventId: the single event's id, for the ledger; null for invalid bodies and batches.
    private EventContent CreateContent(int client, out Guid? eventId)
    {
        eventId = null;
        var draw = _random.NextDouble();
        if (draw < options.Invalid)
        {
            return new EventContent(EventTemplate.InvalidBody);
        }

        var duplicate = draw < options.Invalid + options.Duplicates;
        if (!options.IsBatch)
        {
            var sent = NextEvent(client, duplicate);
            eventId = sent.Id;
            return new EventContent(_template, sent);
        }

        var ids = new SentEvent[options.Batch];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = NextEvent(client, duplicate && i == 0);
        }

        return new EventContent(_template, ids);
    }

    // A duplicate re-sends one of the client's recent events, id and timestamp (from this loop's
    // share, so no loop reads another's ring), so the API sees a genuine retry.
    private SentEvent NextEvent(int client, bool duplicate)
    {
        var issued = _issued[client];
        if (duplicate && issued > 0)
        {
            return _recent[client][_random.NextInt64(Math.Min(issued, RecentIds))];
        }

        var sent = new SentEvent(NewEventId(), _template.Stamped ? DateTime.UtcNow + _clockSkew : null);
        _recent[client][issued % RecentIds] = sent;
        _issued[client] = issued + 1;
        return sent;
    }

    // A version 4 (random) UUID, as RFC 9562 lays it out: 122 random bits.
    private Guid NewEventId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
