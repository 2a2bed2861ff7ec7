namespace EventPipeline.Resilience.Processes;

/// <summary>Where the repository's pieces are, found from this program's folder upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ApiDll(string configuration) =>
        Path.Combine(Root, "EventPipeline.Api", "bin", configuration, "net10.0", "EventPipeline.Api.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("EventPipeline.sln was not found above " + AppContext.BaseDirectory);
    }
}
