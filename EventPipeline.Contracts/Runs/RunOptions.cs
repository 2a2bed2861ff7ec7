using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Runs;

// One shape for both front doors: the command line binds its options into it and POST /runs
// deserialises it, so a run means the same thing whichever way it was started.
public sealed record RunOptions
{
    public string Profile { get; init; } = "steady";
    public double? Rps { get; init; }
    public double? Base { get; init; }
    public double? Peak { get; init; }
    public double? BurstSeconds { get; init; }
    public double? Every { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Period { get; init; }
    public double Duration { get; init; } = 30;
    public int Clients { get; init; } = 1;
    public int PayloadBytes { get; init; } = 256;
    public double Duplicates { get; init; }
    public double Invalid { get; init; }
    public int Batch { get; init; }
    // Null: the API the service was configured with (the command line defaults it to localhost:8080).
    public Uri? Url { get; init; }
    public bool Check { get; init; }
    public double? Capacity { get; init; }
    public double? Refill { get; init; }
    public double CheckToleranceSeconds { get; init; } = 0.5;
    public int Connections { get; init; } = 512;
    public int MaxInFlight { get; init; } = 50_000;
    // HTTP/2 without TLS (prior knowledge): many requests share one write and one read, which
    // matters where system calls are dear. Only for endpoints configured for cleartext HTTP/2.
    public bool Http2 { get; init; }
    // HTTP/1.1 written straight to sockets instead of through HttpClient (cleartext http:// only):
    // a generator that costs less CPU per request than the server it measures, for benchmarks.
    public bool RawHttp1 { get; init; }
    public int Senders { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    // Null: events carry no timestamp. Otherwise every event is stamped by a client clock this
    // many seconds off the real one (0: a correct clock).
    public double? ClockSkewSeconds { get; init; }

    /// <summary>Where to write every request's ledger line (command line only: a file on this host).</summary>
    [JsonIgnore]
    public string? LedgerPath { get; init; }

    // Secrets never travel back out in a status or report.
    [JsonIgnore]
    public string? Secret { get; init; }

    /// <summary>Admin secret for reading the limiter's configuration when --check names no limit.</summary>
    [JsonIgnore]
    public string? AdminSecret { get; init; }

    [JsonIgnore]
    public bool IsBatch => Batch > 0;

    /// <summary>Tokens one request costs the client's bucket: one per event.</summary>
    [JsonIgnore]
    public int EventsPerRequest => IsBatch ? Batch : 1;
}
