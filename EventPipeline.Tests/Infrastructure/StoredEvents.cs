using Npgsql;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>What the events table holds for one client, read directly for reconciliation checks.</summary>
public static class StoredEvents
{
    public static async Task<List<string>> IdsAsync(string connectionString, string clientId)
    {
        // Unpooled: a pooled connection from before a PostgreSQL restart would fail its first command.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM events WHERE client_id = @c", connection);
        command.Parameters.AddWithValue("c", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}

/// <summary>Waits for a condition the system reaches by itself, failing after a generous bound.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {seconds} s.");
            await Task.Delay(20);
        }
    }
}
