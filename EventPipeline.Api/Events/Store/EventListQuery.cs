using System.Buffers.Text;
using System.Text;

namespace EventPipeline.Api.Events.Store;

/// <summary>Query of <c>GET /v1/events</c>: filters, a page size and an opaque keyset cursor.</summary>
internal sealed class EventListQuery
{
    public const int MaxLimit = 500;

    /// <summary>A page also ends once its events' payload and source bytes pass this (1 MiB); at least one event is always returned.</summary>
    public const int MaxPageBytes = 1024 * 1024;

    public string? Source { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    public int PageSize => Limit ?? 50;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Must be between 1 and {MaxLimit}."];
        }
        if (Source?.Contains('\0', StringComparison.Ordinal) == true)
        {
            // PostgreSQL's text refuses NUL; no stored source has one.
            errors["source"] = ["Must not contain the NUL character."];
        }
        if (Cursor is not null && DecodeCursor(Cursor) is null)
        {
            errors["cursor"] = ["Not a cursor returned by this API."];
        }
        return errors;
    }

    // The cursor is the (received_at, event_id) of the last row of the previous page; the id
    // comes last because it may itself hold a colon.
    public static string EncodeCursor(DateTimeOffset receivedAt, string eventId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{receivedAt.UtcTicks}:{eventId}"));

    public static (DateTimeOffset ReceivedAt, string EventId)? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && long.TryParse(text.AsSpan(0, colon), out var ticks) && EventIds.IsValid(text[(colon + 1)..])
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), EventIds.Normalize(text[(colon + 1)..]))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
