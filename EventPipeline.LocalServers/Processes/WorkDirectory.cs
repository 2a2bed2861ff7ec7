namespace EventPipeline.LocalServers.Processes;

/// <summary>
/// Where a server keeps its log and data: the caller's folder, or a new temporary one that goes
/// away with the server.
/// </summary>
public sealed class WorkDirectory : IDisposable
{
    private readonly bool _owned;

    private WorkDirectory(string path, bool owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    public static WorkDirectory At(string? path) => path is null
        ? new(Create(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventpipeline-servers", Guid.NewGuid().ToString("N"))), owned: true)
        : new(Create(path), owned: false);

    public void Dispose()
    {
        if (!_owned)
        {
            return;
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next server uses a new one.
        }
        catch (UnauthorizedAccessException)
        {
            // PostgreSQL's files belong to the postgres user when we run as root and cannot always be removed.
        }
    }

    private static string Create(string path)
    {
        Directory.CreateDirectory(path);
        // PostgreSQL runs as its own user when we are root: it must be able to reach its folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
        return path;
    }
}
