using System.Globalization;

namespace EventPipeline.Api.Events.Store;

/// <summary>One range partition, [Start, End) in UTC, and the names the API gives them.</summary>
internal sealed record TimePartition(string Name, DateTimeOffset Start, DateTimeOffset End)
{
    public const string EventsTable = "events";
    public const string KeysTable = "event_keys";

    /// <summary>Duplicates are caught within UTC day windows; see EventBatchSql.</summary>
    public static readonly TimeSpan KeyWindow = TimeSpan.FromDays(1);

    public bool Overlaps(TimePartition other) => Start < other.End && other.Start < End;

    public static TimePartition EventsContaining(DateTimeOffset time, PartitionInterval interval)
    {
        var utc = time.ToUniversalTime();
        return interval == PartitionInterval.Hourly
            ? Create(EventsTable, new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), "yyyyMMddHH")
            : Create(EventsTable, new DateTimeOffset(utc.Date, TimeSpan.Zero), TimeSpan.FromDays(1), "yyyyMMdd");
    }

    public static TimePartition KeysContaining(DateTimeOffset time) =>
        Create(KeysTable, new DateTimeOffset(time.ToUniversalTime().Date, TimeSpan.Zero), KeyWindow, "yyyyMMdd");

    public TimePartition Following(PartitionInterval interval) =>
        Name.StartsWith(KeysTable, StringComparison.Ordinal) ? KeysContaining(End) : EventsContaining(End, interval);

    public string CreateSql(string parent) =>
        $"CREATE TABLE {Quoted(Name)} PARTITION OF {parent} FOR VALUES FROM ('{Iso(Start)}') TO ('{Iso(End)}')";

    public string DropSql() => $"DROP TABLE {Quoted(Name)}";

    private static TimePartition Create(string parent, DateTimeOffset start, TimeSpan span, string format) =>
        new($"{parent}_p{start.ToString(format, CultureInfo.InvariantCulture)}", start, start + span);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quoted(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
