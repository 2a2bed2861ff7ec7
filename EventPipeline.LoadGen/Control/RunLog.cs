using EventPipeline.Contracts.Runs;

namespace EventPipeline.LoadGen.Control;

internal static partial class RunLog
{
    [LoggerMessage(1, LogLevel.Information, "Load run started: {Profile} for {Duration} s with {Clients} client(s) against {Url}")]
    public static partial void RunStarted(ILogger logger, string profile, double duration, int clients, Uri? url);

    [LoggerMessage(2, LogLevel.Information, "Load run {State}: sent {Sent}, answered {AnsweredRps} req/s, p99 {P99Ms} ms")]
    public static partial void RunEnded(ILogger logger, RunState state, long sent, double answeredRps, double p99Ms);

    [LoggerMessage(3, LogLevel.Warning, "Load run failed: {Error}")]
    public static partial void RunFailed(ILogger logger, string? error);
}
