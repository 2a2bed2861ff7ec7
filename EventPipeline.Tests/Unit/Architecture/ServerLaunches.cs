using System.Text.RegularExpressions;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>
/// Finds source lines that start redis-server or PostgreSQL themselves: a C# string naming the
/// program, or a shell command running it. Read from the sources, since shell scripts compile to nothing.
/// </summary>
internal static partial class ServerLaunches
{
    public static bool Starts(string fileName, string line) => fileName.EndsWith(".cs", StringComparison.Ordinal)
        ? CSharpLaunch().IsMatch(line)
        : !line.TrimStart().StartsWith('#') && ShellLaunch().IsMatch(line);

    public static IEnumerable<string> In(string root, IReadOnlyCollection<string> allowed) =>
        Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".sh", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Where(path => !allowed.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(path => File.ReadLines(Path.Combine(root, path))
                .Select((line, index) => (line, index))
                .Where(l => Starts(path, l.line))
                .Select(l => $"{path}:{l.index + 1}: {l.line.Trim()}"));

    [GeneratedRegex("\"(redis-server|redis-cli|initdb|pg_ctl|local-postgres\\.sh)\"")]
    private static partial Regex CSharpLaunch();

    [GeneratedRegex(@"(^|[;&|(]|\bsetsid|\bexec|\bstart_bg\s+\S+)\s*redis-server\s|/(initdb|pg_ctl|postgres)[""']?\s+-|local-postgres\.sh")]
    private static partial Regex ShellLaunch();
}
