using System.Text;

namespace EventPipeline.LocalServers.Redis;

/// <summary>
/// The config of a redis-server that keeps its data (append-only file) and asks for a password:
/// the AppHost's local mode. The password goes into this file, never onto the command line.
/// </summary>
public static class RedisConfigFile
{
    public static async Task WriteAsync(string path, string dataDirectory, string password, CancellationToken ct)
    {
        var config = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode yes")
            .AppendLine($"dir {dataDirectory}")
            .AppendLine("appendonly yes")
            .AppendLine("appendfsync everysec")
            .AppendLine($"requirepass {password}")
            .ToString();

        // Created owner-only, never widened afterwards: a file made with the default mode would hold
        // the password world-readable until its mode was changed.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var file = new StreamWriter(path, options);
        await file.WriteAsync(config.AsMemory(), ct);
    }
}
