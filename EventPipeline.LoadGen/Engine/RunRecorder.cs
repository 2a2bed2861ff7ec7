using EventPipeline.LoadGen.Checking;

namespace EventPipeline.LoadGen.Engine;

// Lock-free counters written by every response continuation and read at any time for live
// status. The per-second series is indexed by the second a request was scheduled in, so the
// series shows the shape that was asked for next to what came back for it.
public sealed class RunRecorder
{
    private const int SentColumn = Outcomes.Count;
    private const int Columns = Outcomes.Count + 1;

    private readonly long[] _totals = new long[Columns];
    private readonly long[] _series;
    private readonly long[] _promptSeries;
    private readonly long[] _perClient;
    private readonly CheckSamples[]? _samples;
    private long _skipped;
    private long _lastAnswerMicros;
    private long _abandoned;
    private long _inFlight;

    public RunRecorder(int clients, double durationSeconds, bool keepCheckSamples)
    {
        Clients = clients;
        Seconds = (int)Math.Ceiling(durationSeconds) + 1;
        _series = new long[Seconds * Columns];
        _promptSeries = new long[Seconds * Columns];
        _perClient = new long[clients * Columns];
        _samples = keepCheckSamples ? Enumerable.Range(0, clients).Select(_ => new CheckSamples()).ToArray() : null;
    }

    /// <summary>An answer this soon after its request was sent is prompt; a slower one is a symptom, whatever its status.</summary>
    public const double PromptAnswerSeconds = 1.0;

    public int Clients { get; }

    public int Seconds { get; }

    public LatencyHistogram Latency { get; } = new();

    public LatencyHistogram AcceptedLatency { get; } = new();

    public LatencyHistogram Lateness { get; } = new();

    public long Sent => Interlocked.Read(ref _totals[SentColumn]);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public void RecordDispatched(int client, double scheduled)
    {
        Interlocked.Increment(ref _totals[SentColumn]);
        Interlocked.Increment(ref _series[(SecondOf(scheduled) * Columns) + SentColumn]);
        Interlocked.Increment(ref _perClient[(client * Columns) + SentColumn]);
        Interlocked.Increment(ref _inFlight);
    }

    // Requests the sender refused because too many were already waiting: reported, never hidden.
    public void RecordSkipped() => Interlocked.Increment(ref _skipped);

    public void RecordStarted(double scheduled, double sentAt) => Lateness.Record(sentAt - scheduled);

    public void RecordCompleted(int client, double scheduled, double sentAt, double completed, int status)
    {
        var outcome = status == 0 ? Outcome.TransportError : Outcomes.FromStatus(status);
        var column = (int)outcome;
        Interlocked.Increment(ref _totals[column]);
        Interlocked.Increment(ref _series[(SecondOf(scheduled) * Columns) + column]);
        if (completed - sentAt <= PromptAnswerSeconds)
        {
            Interlocked.Increment(ref _promptSeries[(SecondOf(scheduled) * Columns) + column]);
        }
        Interlocked.Increment(ref _perClient[(client * Columns) + column]);
        Latency.Record(completed - scheduled);
        if (outcome == Outcome.Accepted)
        {
            AcceptedLatency.Record(completed - scheduled);
        }
        RaiseLastAnswer((long)(completed * 1_000_000));
        _samples?[client].Add(sentAt, status, completed);
        Interlocked.Decrement(ref _inFlight);
    }

    // A request abandoned because the run was stopped: neither an answer nor an error.
    public void RecordAbandoned()
    {
        Interlocked.Increment(ref _abandoned);
        Interlocked.Decrement(ref _inFlight);
    }

    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary>When the latest answer arrived, in seconds since the start: throughput's denominator.</summary>
    public double LastAnswerSeconds => Interlocked.Read(ref _lastAnswerMicros) / 1_000_000.0;

    public long Total(Outcome outcome) => Interlocked.Read(ref _totals[(int)outcome]);

    public long SeriesSent(int second) => Interlocked.Read(ref _series[(second * Columns) + SentColumn]);

    public long Series(int second, Outcome outcome) => Interlocked.Read(ref _series[(second * Columns) + (int)outcome]);

    /// <summary>Like <see cref="Series"/>, counting only answers within <see cref="PromptAnswerSeconds"/> of sending.</summary>
    public long PromptSeries(int second, Outcome outcome) => Interlocked.Read(ref _promptSeries[(second * Columns) + (int)outcome]);

    public long ClientSent(int client) => Interlocked.Read(ref _perClient[(client * Columns) + SentColumn]);

    public long ClientCount(int client, Outcome outcome) => Interlocked.Read(ref _perClient[(client * Columns) + (int)outcome]);

    public IReadOnlyList<CheckSample> SamplesOf(int client) =>
        _samples?[client].Snapshot() ?? throw new InvalidOperationException("The run did not keep samples for --check.");

    private void RaiseLastAnswer(long micros)
    {
        var seen = Interlocked.Read(ref _lastAnswerMicros);
        while (micros > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastAnswerMicros, micros, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private int SecondOf(double scheduled) => Math.Clamp((int)scheduled, 0, Seconds - 1);
}
