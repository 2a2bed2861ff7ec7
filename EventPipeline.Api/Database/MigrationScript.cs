using System.Reflection;
using System.Text.RegularExpressions;

namespace EventPipeline.Api.Database;

/// <summary>One versioned schema change: an embedded <c>Database/Migrations/NNNN_description.sql</c>.</summary>
internal sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "EventPipeline.Api.Database.Migrations.";

    public static IReadOnlyList<MigrationScript> LoadEmbedded(Assembly? assembly = null)
    {
        assembly ??= typeof(MigrationScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }
        return scripts;
    }

    private static MigrationScript FromResource(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), fileName, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileNamePattern();
}
