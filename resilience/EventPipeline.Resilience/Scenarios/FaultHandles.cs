namespace EventPipeline.Resilience.Scenarios;

/// <summary>The ways a fault is taken away again.</summary>
public static class FaultHandles
{
    public static Task<IAsyncDisposable> Undo(Func<Task> undo) => Task.FromResult<IAsyncDisposable>(new Undoing(undo));

    public static Task<IAsyncDisposable> Undo(Action undo) => Undo(() =>
    {
        undo();
        return Task.CompletedTask;
    });

    public static Task<IAsyncDisposable> Nothing { get; } = Task.FromResult<IAsyncDisposable>(new Undoing(() => Task.CompletedTask));

    /// <summary>Does something again and again until the fault is taken away.</summary>
    public static Task<IAsyncDisposable> Repeat(TimeSpan every, Func<Task> action)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                do
                {
                    await action();
                }
                while (await timer.WaitForNextTickAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
                // Taken away.
            }
        });
        return Undo(async () =>
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        });
    }

    private sealed class Undoing(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
