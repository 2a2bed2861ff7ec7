
namespace EventPipeline.Api.Events.Store;

/// <summary>
/// The time that stamps received_at and places events and key windows: PostgreSQL's now(), the
/// one clock every replica shares. A session may set <c>eventpipeline.clock</c> (connection
/// option <c>-c eventpipeline.clock=2030-01-01T23:59:59Z</c>) to write at another time: tests and
/// benchmarks use it to reach partition boundaries and retention without waiting for them.
/// </summary>
internal static class StorageClock
{
    public const string Setting = "eventpipeline.clock";

    public const string Now = $"COALESCE(NULLIF(current_setting('{Setting}', true), '')::timestamptz, now())";
}
