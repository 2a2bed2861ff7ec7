using System.Runtime.InteropServices;
using EventPipeline.LocalServers.Cli;

// dotnet EventPipeline.LocalServers.Cli.dll redis|postgres [--dir FOLDER] [--password SECRET]
// Prints "port=N" and the connection string once the server answers, then runs until SIGINT or SIGTERM.
var options = ServerCommand.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(ServerCommand.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

return await ServerCommand.RunAsync(options, Console.Out, stop.Token);
