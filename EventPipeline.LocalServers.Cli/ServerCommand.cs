using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Redis;

namespace EventPipeline.LocalServers.Cli;

/// <summary>Which server to run, where, and how it is left running until the caller stops it.</summary>
internal sealed record ServerCommand(string Kind, string? Directory, string Password)
{
    public const string Usage = "usage: EventPipeline.LocalServers.Cli redis|postgres [--dir FOLDER] [--password SECRET]";

    public static ServerCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("redis" or "postgres") || args.Length % 2 == 0)
        {
            return null;
        }
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (args[i] is not ("--dir" or "--password"))
            {
                return null;
            }
            named[args[i]] = args[i + 1];
        }
        return new(args[0], named.GetValueOrDefault("--dir"), named.GetValueOrDefault("--password") ?? "local-servers");
    }

    public static async Task<int> RunAsync(ServerCommand command, TextWriter output, CancellationToken stop)
    {
        if (command.Kind == "redis")
        {
            await using var redis = new RedisServer(command.Directory);
            await redis.StartAsync();
            await AnnounceAsync(output, redis.Port, redis.ConnectionString);
            await WaitAsync(() => redis.IsRunning, stop);
            return redis.IsRunning ? 0 : 1;
        }

        await using var postgres = new PostgresServer(command.Directory, command.Password);
        await postgres.StartAsync();
        await AnnounceAsync(output, postgres.Port, postgres.ConnectionString);
        await WaitAsync(() => postgres.IsRunning, stop);
        return postgres.IsRunning ? 0 : 1;
    }

    private static async Task AnnounceAsync(TextWriter output, int port, string connectionString)
    {
        await output.WriteLineAsync($"port={port}");
        await output.WriteLineAsync($"connection={connectionString}");
        await output.FlushAsync();
    }

    // Until stopped; a server that dies on its own ends the command too, with a failure code.
    private static async Task WaitAsync(Func<bool> running, CancellationToken stop)
    {
        while (running() && !stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
