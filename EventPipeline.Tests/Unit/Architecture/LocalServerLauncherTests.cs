using EventPipeline.Resilience.Processes;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>Issue 17: one implementation of each local-server launcher, in EventPipeline.LocalServers.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LocalServerLauncherTests
{
    private static readonly string[] s_allowed =
    [
        "EventPipeline.LocalServers/",
        // Writes stand-ins named initdb and postgres to check the script's password file; starts no server.
        "EventPipeline.Tests/Unit/LocalSecretFileTests.cs",
        // The check's own samples.
        "EventPipeline.Tests/Unit/Architecture/",
    ];

    [Fact]
    public void NoProjectOrScriptButTheLocalServersLibraryStartsRedisOrPostgres()
    {
        var launches = ServerLaunches.In(RepositoryPaths.Root, s_allowed).ToList();

        Assert.True(launches.Count == 0, "Start servers through EventPipeline.LocalServers (or its CLI from shell):\n" + string.Join('\n', launches));
    }

    [Theory]
    [InlineData("x.sh", "redis-server --port \"$port\" --bind 127.0.0.1 --daemonize yes >/dev/null")]
    [InlineData("x.sh", "  start_bg \"redis-buckets\" redis-server --port \"$port\"")]
    [InlineData("x.sh", "  \"${as_owner[@]}\" \"$PG_BIN_DIR/initdb\" --pgdata=\"$PG_DATA_DIR\"")]
    [InlineData("x.sh", "    bash \"$REPO/EventPipeline.AppHost/Infrastructure/local-postgres.sh\"")]
    [InlineData("x.cs", "var startInfo = new ProcessStartInfo(\"redis-server\", arguments);")]
    [InlineData("x.cs", "ChildProcess.Start(\"bash\", [\"local-postgres.sh\"], log);")]
    public void TheCheckFindsALineThatStartsAServer(string file, string line) =>
        Assert.True(ServerLaunches.Starts(file, line));

    [Theory]
    [InlineData("x.sh", "command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)")]
    [InlineData("x.sh", "# starts redis-server; stops it on exit")]
    [InlineData("x.sh", "  command -v postgres >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1")]
    [InlineData("x.cs", "\"(redis-server and PostgreSQL as local processes) or Infrastructure:Mode=external.\"")]
    public void TheCheckLeavesLinesThatOnlyMentionAServer(string file, string line) =>
        Assert.False(ServerLaunches.Starts(file, line));
}
