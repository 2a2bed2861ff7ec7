using EventPipeline.Api.Events.Store;
using Microsoft.Extensions.Options;

namespace EventPipeline.Bench.Floor;

/// <summary>
/// One event per commit, with as many commits in flight as requests can keep busy: what one INSERT
/// per request on a pooled connection did. Done through the writer's own settings, so the
/// ingestion path itself is the same code in both modes.
/// </summary>
internal sealed class PerRequestCommits : IPostConfigureOptions<IngestionOptions>
{
    // The most writers IngestionOptions allows; Npgsql's default pool (100) holds them all.
    private const int ConcurrentCommits = 64;

    public void PostConfigure(string? name, IngestionOptions options)
    {
        options.MaxWriteBatch = 1;
        options.Writers = ConcurrentCommits;
    }
}
