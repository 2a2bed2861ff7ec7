using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Profiles;

namespace EventPipeline.LoadGen.Engine;

public static class ReportBuilder
{
    public static RunReport Build(
        RunState state, string? error, RunOptions options, SendSchedule schedule, RunRecorder recorder,
        IReadOnlyList<string> clientIds, double elapsed, CheckResult? check)
    {
        var active = Math.Min(elapsed, schedule.DurationSeconds);
        var answered = Enum.GetValues<Outcome>().Sum(recorder.Total);
        var responses = Enum.GetValues<Outcome>().ToDictionary(o => Outcomes.Names[(int)o], recorder.Total);
        var lastSecond = Math.Min(recorder.Seconds, (int)Math.Ceiling(active));
        var series = Enumerable.Range(0, lastSecond).Select(s => new SecondSample(
            s,
            Math.Round(schedule.Profile.CumulativeAt(Math.Min(s + 1, schedule.DurationSeconds)) - schedule.Profile.CumulativeAt(s), 1),
            recorder.SeriesSent(s),
            recorder.Series(s, Outcome.Accepted),
            recorder.Series(s, Outcome.Duplicate),
            recorder.Series(s, Outcome.Limited),
            recorder.Series(s, Outcome.ClientError),
            recorder.Series(s, Outcome.ServerError),
            recorder.Series(s, Outcome.TransportError))).ToList();
        var clients = clientIds.Select((id, i) =>
        {
            var limited = recorder.ClientCount(i, Outcome.Limited);
            var errors = recorder.ClientCount(i, Outcome.ServerError) + recorder.ClientCount(i, Outcome.TransportError);
            var allowed = recorder.ClientCount(i, Outcome.Accepted) + recorder.ClientCount(i, Outcome.Duplicate)
                + recorder.ClientCount(i, Outcome.ClientError) + recorder.ClientCount(i, Outcome.Other);
            return new ClientSummary(id, recorder.ClientSent(i), allowed, limited, errors);
        }).ToList();

        return new RunReport(
            state, error, options, Math.Round(elapsed, 3), schedule.DueBy(active), recorder.Sent, recorder.Skipped, recorder.Abandoned,
            recorder.InFlight, active > 0 ? Math.Round(recorder.Sent / active, 1) : 0,
            recorder.LastAnswerSeconds > 0 ? Math.Round(answered / recorder.LastAnswerSeconds, 1) : 0, responses,
            recorder.Latency.Summarize(), recorder.Lateness.Summarize(), series, clients, check,
            AcceptedLatency: recorder.AcceptedLatency.Summarize());
    }
}
