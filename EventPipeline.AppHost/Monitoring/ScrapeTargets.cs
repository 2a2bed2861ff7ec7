using System.Text.Json;

namespace EventPipeline.AppHost.Monitoring;

/// <summary>
/// Every replica seen so far, by its Aspire id, with the port it serves on. A replica that stops
/// stays listed, so Prometheus reports it down (and <c>ReplicaNotScraped</c> fires) instead of
/// forgetting it.
/// </summary>
internal sealed class ScrapeTargets(MonitoringFiles files, IReadOnlySet<string> services, string host)
{
    private readonly Dictionary<string, (string Service, string Address)> _replicas = [];
    private readonly Lock _lock = new();

    public bool IsScraped(string service) => services.Contains(service);

    /// <summary>Records a replica's address; true when that changed the targets.</summary>
    public bool Set(string service, string replicaId, int port)
    {
        var address = $"{host}:{port}";
        lock (_lock)
        {
            if (_replicas.TryGetValue(replicaId, out var known) && known.Address == address)
            {
                return false;
            }
            _replicas[replicaId] = (service, address);
            return true;
        }
    }

    public async Task WriteAsync(CancellationToken ct)
    {
        object[] groups;
        lock (_lock)
        {
            groups = [.. _replicas.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new
            {
                targets = new[] { r.Value.Address },
                labels = new Dictionary<string, string> { ["job"] = r.Value.Service, ["instance"] = r.Key },
            })];
        }
        // Written aside and moved in, so Prometheus never reads half a file.
        var temporary = files.TargetsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(groups), ct);
        File.Move(temporary, files.TargetsFile, overwrite: true);
    }
}
