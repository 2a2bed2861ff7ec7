using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;

namespace EventPipeline.LoadGen.Control;

// Holds at most one active run. A finished run stays readable through GET /runs/current until
// the next one starts.
public sealed class RunManager(LoadGenMetrics metrics, ILogger<RunManager> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private LoadRun? _current;

    public LoadRun? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public bool TryStart(RunOptions options, out LoadRun run)
    {
        lock (_gate)
        {
            if (_current is { Completion.IsCompleted: false } active)
            {
                run = active;
                return false;
            }

            _current?.Dispose();
            run = new LoadRun(options, metrics);
            run.Start();
            _current = run;
            RunLog.RunStarted(logger, options.Profile, options.Duration, options.Clients, options.Url);
            _ = run.Completion.ContinueWith(done => LogEnd(done.Result), TaskScheduler.Default);
            return true;
        }
    }

    private void LogEnd(RunReport report)
    {
        if (report.State == RunState.Failed)
        {
            RunLog.RunFailed(logger, report.Error);
            return;
        }

        RunLog.RunEnded(logger, report.State, report.Sent, report.AnsweredRps, report.Latency.P99Ms);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Stop();
            _current?.Dispose();
        }
    }
}
