using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Identity;
using EventPipeline.Contracts.Storage;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Events;

internal static class AdminStorageApi
{
    public static IEndpointRouteBuilder MapAdminStorageApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/admin/storage")
            .WithTags("Admin")
            .RequireAuthorization(Scopes.Admin)
            .MapGet("/", Status);
        return app;
    }

    private static StorageStatus Status(StorageMetrics metrics, IOptions<StorageOptions> options)
    {
        var latest = metrics.Latest;
        return new(
            options.Value.PartitionInterval.ToString().ToLowerInvariant(),
            options.Value.RetentionDays,
            (int)TimePartition.KeyWindow.TotalHours,
            latest.Partitions,
            latest.OldestPartitionStart,
            latest.OldestPartitionAgeSeconds,
            latest.Bytes,
            latest.EstimatedRows,
            latest.DedupKeyBytes,
            latest.TakenAt == DateTimeOffset.MinValue ? null : latest.TakenAt);
    }
}
