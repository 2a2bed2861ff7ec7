using System.Diagnostics;
using System.Net;
using Aspire.Hosting.Testing;
using EventPipeline.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Tests.EndToEnd;

[Trait(TestCategories.Cost, TestCategories.EndToEnd)]
public sealed class AppHostLifecycleTests
{
    [Fact]
    public async Task EveryServiceBecomesHealthyAndARestartKeepsTheData()
    {
        var stateDirectory = AppHostRunner.NewStateDirectory();
        var marker = Guid.NewGuid().ToString("N");

        var app = await AppHostRunner.StartAsync(stateDirectory);
        foreach (var service in AppHostRunner.Services)
        {
            using var client = app.CreateHttpClient(service);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        }
        await WriteMarkerAsync(app, marker);
        await AppHostRunner.StopAsync(app);

        Assert.Empty(await ProcessesUsingAsync(stateDirectory));

        app = await AppHostRunner.StartAsync(stateDirectory);
        try
        {
            Assert.Equal(marker, await ReadMarkerAsync(app));
        }
        finally
        {
            await AppHostRunner.StopAsync(app);
        }
    }

    private static async Task WriteMarkerAsync(Aspire.Hosting.DistributedApplication app, string marker)
    {
        await using (var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("eventsdb")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "CREATE TABLE lifecycle_marker (value text); INSERT INTO lifecycle_marker VALUES (@marker)", connection);
            command.Parameters.AddWithValue("marker", marker);
            await command.ExecuteNonQueryAsync();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis"))!);
        await redis.GetDatabase().StringSetAsync("lifecycle-marker", marker);
    }

    private static async Task<string> ReadMarkerAsync(Aspire.Hosting.DistributedApplication app)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("eventsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM lifecycle_marker", connection);
        var fromPostgres = (string?)await command.ExecuteScalarAsync();

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis"))!);
        var fromRedis = (string?)await redis.GetDatabase().StringGetAsync("lifecycle-marker");

        Assert.Equal(fromPostgres, fromRedis);
        return fromPostgres!;
    }

    // Every process the local mode starts names the state folder on its command line or in its config path.
    private static async Task<string[]> ProcessesUsingAsync(string stateDirectory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string[] remaining;
        do
        {
            remaining = Process.GetProcesses()
                .Where(p => ReadCommandLine(p.Id).Contains(stateDirectory, StringComparison.Ordinal))
                .Select(p => $"{p.Id} {p.ProcessName}")
                .ToArray();
            if (remaining.Length == 0)
            {
                break;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return remaining;
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
