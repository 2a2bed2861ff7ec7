using Microsoft.AspNetCore.Components;

namespace EventPipeline.Dashboard.Components.Panels;

/// <summary>A panel that refreshes itself on an interval and shows, rather than throws, what went wrong.</summary>
public abstract class PollingPanel : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    protected abstract TimeSpan Interval { get; }

    protected string? Error { get; private set; }

    protected CancellationToken Stopping => _stop.Token;

    protected abstract Task RefreshAsync(CancellationToken ct);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = PollAsync();
        }
    }

    /// <summary>Runs an operator's action, then refreshes at once so the result shows.</summary>
    protected async Task ActAsync(Func<Task> action)
    {
        await Guard(action);
        await Guard(() => RefreshAsync(Stopping));
        StateHasChanged();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await Guard(() => RefreshAsync(Stopping));
            await InvokeAsync(StateHasChanged);
        }
        while (await WaitAsync(timer));
    }

    private async Task Guard(Func<Task> work)
    {
        try
        {
            await work();
            Error = null;
        }
        // Whatever goes wrong in one panel is shown in that panel; it must not take the page down.
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            Error = _stop.IsCancellationRequested ? null : ex.Message;
        }
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
