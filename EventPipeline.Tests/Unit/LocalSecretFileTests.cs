using System.Diagnostics;
using System.Runtime.Versioning;
using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Redis;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit;

/// <summary>Issue 14, item 6: the local mode's password files are never readable by other users, not even briefly.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
[SupportedOSPlatform("linux")]
public sealed class LocalSecretFileTests
{
    [Fact]
    public async Task TheRedisConfigIsOwnerOnlyEvenWhereAWorldReadableOneWasLeftBefore()
    {
        var directory = AppHostRunner.NewStateDirectory();
        var path = Path.Combine(directory, "redis.conf");
        await File.WriteAllTextAsync(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await RedisConfigFile.WriteAsync(path, directory, "secret-password", CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("requirepass secret-password", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePostgresPasswordFileIsNeverReadableByOthers()
    {
        // Stand-ins for initdb and postgres that record the password file's mode as initdb sees it.
        var bin = AppHostRunner.NewStateDirectory();
        // As root the script runs initdb as postgres, which must be able to leave its note here.
        File.SetUnixFileMode(bin, (UnixFileMode)0b111_111_111);
        var seen = Path.Combine(bin, "pwfile-mode");
        await WriteScriptAsync(Path.Combine(bin, "initdb"), $$"""
            #!/usr/bin/env bash
            for a in "$@"; do case "$a" in --pwfile=*) stat -c %a "${a#--pwfile=}" > '{{seen}}';; --pgdata=*) mkdir -p "${a#--pgdata=}"; echo 15 > "${a#--pgdata=}/PG_VERSION";; esac; done
            """);
        await WriteScriptAsync(Path.Combine(bin, "postgres"), "#!/usr/bin/env bash\ncat > /dev/null\nexit 0\n");
        var start = new ProcessStartInfo("bash", [PostgresScript.Path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PG_BIN_DIR"] = bin;
        start.Environment["PG_DATA_DIR"] = Path.Combine(AppHostRunner.NewStateDirectory(), "data");
        start.Environment["PG_PORT"] = "1";
        start.Environment["PG_PASSWORD"] = "secret-password";
        start.Environment["PG_DATABASE"] = "eventsdb";

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();

        Assert.Equal("600", (await File.ReadAllTextAsync(seen)).Trim());
    }

    private static async Task WriteScriptAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
