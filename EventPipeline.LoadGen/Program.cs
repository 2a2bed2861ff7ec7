using System.Diagnostics.Metrics;
using EventPipeline.LoadGen.Cli;
using EventPipeline.LoadGen.Control;
using EventPipeline.LoadGen.Engine;

namespace EventPipeline.LoadGen;

// With a profile on the command line this is a one-shot run; without, the control service on
// :8082, which sends nothing until POST /runs asks it to.
internal static class Program
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static async Task<int> Main(string[] args) =>
        args.Length > 0 && LoadGenCommand.Verbs.Contains(args[0]) ? await RunCommandLineAsync(args) : await RunServiceAsync(args);

    private static async Task<int> RunServiceAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();
        builder.AddLoadGenerator();
        builder.AddControlSecurity();

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapDefaultEndpoints();
        app.MapRunsApi();

        await app.RunAsync();
        return 0;
    }

    private static async Task<int> RunCommandLineAsync(string[] args)
    {
        // A one-shot run owns the process: completing socket operations on the epoll thread
        // instead of hopping to the thread pool saves a wake-up per response. The runtime reads
        // this once, at the first socket, so it must be set before any is opened.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LoadGenMetrics(services.GetRequiredService<IMeterFactory>());
        return await LoadGenCommand.Create(metrics).Parse(args).InvokeAsync();
    }
}
