using EventPipeline.LocalServers.Processes;

namespace EventPipeline.LocalServers;

/// <summary>The folders that keep local Redis and PostgreSQL data across restarts (the AppHost's local mode).</summary>
public sealed record LocalStateDirectory(string Redis, string Postgres)
{
    public static LocalStateDirectory Prepare(string stateDirectory)
    {
        var redis = Directory.CreateDirectory(Path.Combine(stateDirectory, "redis")).FullName;
        var postgres = Path.Combine(stateDirectory, "postgres");
        Directory.CreateDirectory(stateDirectory);

        // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root" && !IsReachableByOthers(stateDirectory))
        {
            throw new LocalServerException(
                $"PostgreSQL runs as the 'postgres' user when started as root, and that user cannot reach {stateDirectory} " +
                "(a parent folder lacks the execute bit for others).");
        }

        return new(redis, postgres);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsReachableByOthers(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (!dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }
}
