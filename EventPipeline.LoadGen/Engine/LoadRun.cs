using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Auth;
using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Ledger;
using EventPipeline.LoadGen.Profiles;

namespace EventPipeline.LoadGen.Engine;

// One run from tokens to report. The command line awaits it; the control API keeps it as the
// current run and reads Snapshot() while it goes.
public sealed class LoadRun : IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AbandonTimeout = TimeSpan.FromSeconds(5);

    private readonly LoadGenMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly SendSchedule _schedule;
    private readonly string[] _clientIds;
    private readonly Uri _url;
    private RunClock? _clock;
    private double _endedAt = -1;
    private string? _error;
    private CheckResult? _check;
    private CpuCost? _cost;
    private volatile bool _stopRequested;

    public LoadRun(RunOptions options, LoadGenMetrics metrics)
    {
        Options = options;
        _url = options.Url ?? throw new ArgumentException("A run needs the API's URL.", nameof(options));
        _metrics = metrics;
        _schedule = new SendSchedule(RunOptionsValidator.CreateProfile(options), options.Duration);
        _clientIds = Enumerable.Range(1, options.Clients).Select(i => $"loadgen-{i:D2}").ToArray();
        Recorder = new RunRecorder(options.Clients, options.Duration, options.Check);
    }

    public RunOptions Options { get; }

    public RunRecorder Recorder { get; }

    public RunState State { get; private set; } = RunState.Starting;

    /// <summary>A process whose CPU per request the report gives too (benchmarks: the server under test).</summary>
    public int? MeasureCpuOf { get; init; }

    public Task<RunReport> Completion { get; private set; } = Task.FromException<RunReport>(new InvalidOperationException("Not started."));

    public void Start() => Completion = Task.Run(ExecuteAsync);

    public void Stop()
    {
        _stopRequested = true;
        _stop.Cancel();
    }

    public RunReport Snapshot()
    {
        var elapsed = _endedAt >= 0 ? _endedAt : _clock?.Seconds ?? 0;
        return ReportBuilder.Build(State, _error, Options, _schedule, Recorder, _clientIds, elapsed, _check) with { Cost = _cost };
    }

    public void Dispose() => _stop.Dispose();

    private async Task<RunReport> ExecuteAsync()
    {
        using var http = LoadGenHttp.CreateClient(Options.Connections, Options.Http2);
        using var refreshing = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            var limit = Options.Check ? await ReadLimitAsync(http, _stop.Token) : default;
            var tokens = await FetchTokensAsync(http, refreshing.Token);
            _clock = new RunClock();
            await using var ledger = Options.LedgerPath is { } path ? new RequestLedger(path, _clientIds, _clock) : null;
            State = RunState.Running;
            var cpu = CpuWindow.Open(MeasureCpuOf);
            var target = new Uri(_url, Options.IsBatch ? "/v1/events/batch" : "/v1/events");
            var answers = new AnswerRecorder(_clock, Recorder, _metrics, ledger);
            using var rawSender = Options.RawHttp1 ? new RawHttpSender(target, Options.Connections, tokens, answers, _stop.Token) : null;
            IRequestSender sender = (IRequestSender?)rawSender ?? new RequestSender(http, target, http.DefaultRequestVersion, tokens, answers, _stop.Token);
            await Task.WhenAll(Enumerable.Range(0, Options.Senders)
                .Select(shard => RunOnDedicatedThreadAsync(new SendLoop(_schedule, Options, _clock, Recorder, sender, shard, Options.Senders))));
            _endedAt = _clock.Seconds;
            State = RunState.Draining;
            await DrainAsync();
            _cost = cpu.Close(Recorder.Sent);
            if (Options.Check)
            {
                _check = new TokenBucketChecker(limit.Capacity, limit.Refill, Options.EventsPerRequest, Options.CheckToleranceSeconds)
                    .Check(_clientIds.Select((id, i) => (id, Recorder.SamplesOf(i))).ToList());
            }

            State = _stopRequested ? RunState.Stopped : RunState.Completed;
        }
        catch (Exception ex)
        {
            // Whatever ends a run early, the run must end as failed with the reason, never stay
            // "running" behind a faulted task that nobody observes.
            _error = ex.Message;
            State = _stopRequested ? RunState.Stopped : RunState.Failed;
        }
        finally
        {
            await refreshing.CancelAsync();
        }

        return Snapshot();
    }

    private Task<(double Capacity, double Refill)> ReadLimitAsync(HttpClient http, CancellationToken cancellationToken) =>
        Options is { Capacity: { } capacity, Refill: { } refill }
            ? Task.FromResult((capacity, refill))
            : LimiterConfigReader.ReadAsync(http, _url, Options.AdminSecret ?? "", cancellationToken);

    private async Task<IReadOnlyList<ClientToken>> FetchTokensAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(_url, "/auth/token");
        var tokens = new List<ClientToken>();
        foreach (var id in _clientIds)
        {
            var token = new ClientToken(http, endpoint, id, Options.Secret ?? "");
            var lifetime = await token.FetchAsync(cancellationToken);
            _ = token.RefreshUntilCancelledAsync(lifetime, cancellationToken)
                .ContinueWith(static _ => { }, TaskScheduler.Default);
            tokens.Add(token);
        }

        return tokens;
    }

    private Task RunOnDedicatedThreadAsync(SendLoop loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop.Run(_stop.Token);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "loadgen-scheduler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    // Answers still on their way count; the ones that never come within the timeout are abandoned.
    // The abandoned ones are recorded as their cancellations complete, which the ledger must see
    // before it closes.
    private async Task DrainAsync()
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (Recorder.InFlight > 0 && DateTime.UtcNow < deadline && !_stop.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        await _stop.CancelAsync();
        var abandonDeadline = DateTime.UtcNow + AbandonTimeout;
        while (Recorder.InFlight > 0 && DateTime.UtcNow < abandonDeadline)
        {
            await Task.Delay(10);
        }
    }
}
