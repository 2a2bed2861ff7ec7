using System.Diagnostics;
using System.Globalization;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.LocalServers;

/// <summary>Issue 17: bench/lib/infra.sh starts its servers through this command; it prints where and stops on a signal.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LocalServersCliTests
{
    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    public async Task TheCommandPrintsThePortOnceTheServerAnswersAndStopsItOnSigterm(string kind)
    {
        using var command = Process.Start(new ProcessStartInfo("dotnet", [CliDll(), kind])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = command.StandardError.ReadToEndAsync();
        try
        {
            var announced = await command.StandardOutput.ReadLineAsync() ?? $"(nothing; stderr: {await stderr})";
            Assert.StartsWith("port=", announced, StringComparison.Ordinal);
            var port = int.Parse(announced["port=".Length..], CultureInfo.InvariantCulture);
            Assert.True(await ListeningPort.AnswersAsync(port));

            using (var term = Process.Start("kill", ["-TERM", command.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            // A guard against a hang, not a speed assertion: PostgreSQL's fast shutdown takes well under this.
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await command.WaitForExitAsync(patience.Token);

            Assert.Equal(0, command.ExitCode);
            Assert.False(await ListeningPort.AnswersAsync(port));
        }
        finally
        {
            if (!command.HasExited)
            {
                command.Kill(entireProcessTree: true);
            }
        }
    }

    // Built with the tests (a project reference without its assembly); run from its own folder.
    private static string CliDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "EventPipeline.LocalServers.Cli", "bin", configuration, "net10.0", "EventPipeline.LocalServers.Cli.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("EventPipeline.LocalServers.Cli.dll was not found above the test folder.");
    }
}
