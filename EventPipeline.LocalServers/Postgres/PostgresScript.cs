using System.Globalization;

namespace EventPipeline.LocalServers.Postgres;

/// <summary>
/// <c>local-postgres.sh</c>: the one way PostgreSQL is started here (initdb on first run, the
/// password and the database set before it takes connections, as the postgres user when root).
/// It is copied next to this assembly; these are its path and the environment it reads.
/// </summary>
public static class PostgresScript
{
    public const string BinDirectoryVariable = "PG_BIN_DIR";
    public const string DataDirectoryVariable = "PG_DATA_DIR";
    public const string PortVariable = "PG_PORT";
    public const string PasswordVariable = "PG_PASSWORD";
    public const string DatabaseVariable = "PG_DATABASE";

    /// <summary>The superuser the script sets the password of.</summary>
    public const string UserName = "postgres";

    public static string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(typeof(PostgresScript).Assembly.Location)!, "Postgres", "local-postgres.sh");

    public static Dictionary<string, string> Environment(string binDirectory, string dataDirectory, int port, string password, string database) => new()
    {
        [BinDirectoryVariable] = binDirectory,
        [DataDirectoryVariable] = dataDirectory,
        [PortVariable] = port.ToString(CultureInfo.InvariantCulture),
        [PasswordVariable] = password,
        [DatabaseVariable] = database,
    };
}
