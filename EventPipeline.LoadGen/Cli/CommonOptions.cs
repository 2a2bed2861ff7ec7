using System.CommandLine;
using System.Globalization;
using EventPipeline.Contracts.Runs;

namespace EventPipeline.LoadGen.Cli;

// The options every profile shares; a fresh set per subcommand keeps each command's symbols its own.
public sealed class CommonOptions
{
    private static readonly RunOptions Defaults = new();

    public Option<double> Duration { get; } = new("--duration")
    {
        Description = "How long to send: seconds, or with a unit (90s, 5m, 1h).",
        DefaultValueFactory = _ => Defaults.Duration,
        CustomParser = result => ParseDuration(result.Tokens[0].Value, out var seconds)
            ? seconds
            : Fail(result, $"--duration '{result.Tokens[0].Value}' is not a duration such as 30, 90s, 5m or 1h."),
    };

    public Option<int> Clients { get; } = new("--clients") { Description = "Registered clients loadgen-01..K, each with its own token.", DefaultValueFactory = _ => Defaults.Clients };
    public Option<int> PayloadBytes { get; } = new("--payload-bytes") { Description = "Size of one event's JSON body.", DefaultValueFactory = _ => Defaults.PayloadBytes };
    public Option<double> Duplicates { get; } = new("--duplicates") { Description = "Fraction of requests that re-send an earlier event id." };
    public Option<double> Invalid { get; } = new("--invalid") { Description = "Fraction of requests with an invalid body." };
    public Option<int> Batch { get; } = new("--batch") { Description = "Events per request through POST /v1/events/batch (0: single events)." };
    public Option<string> Url { get; } = new("--url") { Description = "Base URL of the API.", DefaultValueFactory = _ => "http://localhost:8080" };
    public Option<string?> Secret { get; } = new("--secret") { Description = "Demo client secret (default: env LoadGen__DemoClientSecret)." };
    public Option<string?> AdminSecret { get; } = new("--admin-secret") { Description = "Admin secret, to read --capacity and --refill from the API (default: env LoadGen__AdminClientSecret)." };
    public Option<bool> Check { get; } = new("--check") { Description = "Check each client's admitted count against an ideal token bucket." };
    public Option<double?> Capacity { get; } = new("--capacity") { Description = "Bucket capacity for --check." };
    public Option<double?> Refill { get; } = new("--refill") { Description = "Bucket refill in tokens per second for --check." };
    public Option<double> CheckTolerance { get; } = new("--check-tolerance") { Description = "Seconds of clock and travel-time slack for --check.", DefaultValueFactory = _ => Defaults.CheckToleranceSeconds };
    public Option<int> Connections { get; } = new("--connections") { Description = "Maximum HTTP connections to the API.", DefaultValueFactory = _ => Defaults.Connections };
    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Requests waiting for an answer beyond which sends are skipped (and counted).", DefaultValueFactory = _ => Defaults.MaxInFlight };
    public Option<int> Senders { get; } = new("--senders") { Description = "Sender threads sharing the schedule.", DefaultValueFactory = _ => Defaults.Senders };
    public Option<bool> Http2 { get; } = new("--http2") { Description = "Cleartext HTTP/2 with prior knowledge (the endpoint must accept it)." };
    public Option<bool> RawHttp1 { get; } = new("--raw-http1") { Description = "HTTP/1.1 written straight to sockets, not through HttpClient: far less CPU per request (http:// only; for benchmarks)." };
    public Option<string?> Json { get; } = new("--json") { Description = "Write the final report as JSON to this file." };
    public Option<string?> Ledger { get; } = new("--ledger") { Description = "Write every request (event id, client, send time, status, answer time) as CSV to this file." };
    public Option<int?> ServerPid { get; } = new("--server-pid") { Description = "Also report this process's CPU per request over the sending window (Linux; for benchmarks)." };
    public Option<double?> ClockSkew { get; } = new("--clock-skew") { Description = "Stamp every event with a timestamp from a client clock this many seconds off (0: a correct clock)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Duration, Clients, PayloadBytes, Duplicates, Invalid, Batch, Url, Secret, AdminSecret, Check, Capacity, Refill, CheckTolerance, Connections, MaxInFlight, Senders, Http2, RawHttp1, Json, Ledger, ClockSkew, ServerPid })
        {
            command.Options.Add(option);
        }
    }

    public RunOptions Bind(ParseResult result, RunOptions profile) => profile with
    {
        Duration = result.GetValue(Duration),
        Clients = result.GetValue(Clients),
        PayloadBytes = result.GetValue(PayloadBytes),
        Duplicates = result.GetValue(Duplicates),
        Invalid = result.GetValue(Invalid),
        Batch = result.GetValue(Batch),
        Url = Uri.TryCreate(result.GetValue(Url), UriKind.Absolute, out var url) ? url : null,
        Secret = result.GetValue(Secret) ?? Environment.GetEnvironmentVariable("LoadGen__DemoClientSecret"),
        AdminSecret = result.GetValue(AdminSecret) ?? Environment.GetEnvironmentVariable("LoadGen__AdminClientSecret"),
        Check = result.GetValue(Check),
        Capacity = result.GetValue(Capacity),
        Refill = result.GetValue(Refill),
        CheckToleranceSeconds = result.GetValue(CheckTolerance),
        Connections = result.GetValue(Connections),
        MaxInFlight = result.GetValue(MaxInFlight),
        Senders = result.GetValue(Senders),
        Http2 = result.GetValue(Http2),
        RawHttp1 = result.GetValue(RawHttp1),
        LedgerPath = result.GetValue(Ledger),
        ClockSkewSeconds = result.GetValue(ClockSkew),
    };

    public static bool ParseDuration(string text, out double seconds)
    {
        var (number, scale) = text.Length > 0 && char.IsLetter(text[^1])
            ? (text[..^1], text[^1] switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, _ => double.NaN })
            : (text, 1.0);
        var ok = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(scale);
        seconds = ok ? value * scale : 0;
        return ok;
    }

    private static double Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return 0;
    }
}
