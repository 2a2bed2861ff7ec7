namespace EventPipeline.LocalServers.Processes;

/// <summary>Finds redis-server and the PostgreSQL server binaries (Debian keeps these off PATH).</summary>
public sealed record LocalBinaries(string RedisServer, string PostgresBinDirectory)
{
    /// <summary>redis-cli, installed next to redis-server.</summary>
    public string RedisCli => Path.Combine(Path.GetDirectoryName(RedisServer)!, "redis-cli");

    public static LocalBinaries Locate()
    {
        var redisServer = FindOnPath("redis-server");
        var postgresBin = FindPostgresBinDirectory();

        var missing = new List<string>();
        if (redisServer is null)
        {
            missing.Add("redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)");
        }
        if (postgresBin is null)
        {
            missing.Add("PostgreSQL server binaries initdb and postgres (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql)");
        }

        if (missing.Count > 0)
        {
            throw new LocalServerException(
                "these programs were not found on PATH or in /usr/lib/postgresql/<version>/bin: " + string.Join("; ", missing) + ".");
        }

        return new(redisServer!, postgresBin!);
    }

    private static string? FindPostgresBinDirectory()
    {
        // Debian keeps the server binaries off PATH, one folder per major version: take the newest.
        var debianBins = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(HasServerBinaries)
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
            : Enumerable.Empty<string>();

        var fromPath = FindOnPath("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null;
        return fromPath is not null && HasServerBinaries(fromPath) ? fromPath : debianBins.FirstOrDefault();
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "postgres")) && File.Exists(Path.Combine(directory, "initdb"));

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
