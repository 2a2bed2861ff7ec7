
namespace EventPipeline.Contracts.Runs;

// The live status and the final report are the same document, so GET /runs/current, the
// command line and --json never disagree about a figure.
/// <summary>
/// AchievedRps: requests handed to the HTTP stack per second of schedule. AnsweredRps: answers
/// per second up to the last one, which falls behind AchievedRps when requests queue. Skipped:
/// due but not sent because --max-in-flight requests were waiting. Abandoned: sent but still
/// unanswered when the run was stopped or its drain timed out. Latency covers every answer;
/// AcceptedLatency only the accepted ones, which a server shedding load answers more slowly than
/// its quick refusals.
/// </summary>
public sealed record RunReport(
    RunState State,
    string? Error,
    RunOptions Options,
    double ElapsedSeconds,
    long Intended,
    long Sent,
    long Skipped,
    long Abandoned,
    long InFlight,
    double AchievedRps,
    double AnsweredRps,
    IReadOnlyDictionary<string, long> Responses,
    LatencySummary Latency,
    LatencySummary SendLateness,
    IReadOnlyList<SecondSample> Series,
    IReadOnlyList<ClientSummary> Clients,
    CheckResult? Check,
    CpuCost? Cost = null,
    LatencySummary? AcceptedLatency = null);

public sealed record SecondSample(
    int Second, double Intended, long Sent, long Accepted, long Duplicate, long Limited,
    long ClientError, long ServerError, long TransportError);

/// <summary>Allowed counts answers other than 429 and errors: 2xx, and 4xx such as 400 for an invalid body.</summary>
public sealed record ClientSummary(string ClientId, long Sent, long Allowed, long Limited, long Errors);

public enum RunState
{
    Starting,
    Running,
    Draining,
    Completed,
    Stopped,
    Failed,
}
