using EventPipeline.Api.Events.Store;
using EventPipeline.Contracts.Events;

namespace EventPipeline.Api.Events;

/// <summary>The answers of the ingestion endpoints, one per stored outcome.</summary>
internal static class IngestResponses
{
    public static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(1);

    public static IResult ForSingle(string eventId, StoreOutcome outcome, HttpContext context) => outcome switch
    {
        StoreOutcome.Accepted => TypedResults.Json(new IngestResult(IngestStatus.Accepted, eventId), statusCode: StatusCodes.Status202Accepted),
        StoreOutcome.Duplicate => TypedResults.Ok(new IngestResult(IngestStatus.Duplicate, eventId)),
        StoreOutcome.Conflict => TypedResults.Problem(
            title: "Conflicting duplicate",
            detail: $"Event {eventId} was already stored with different content; event ids must not be reused.",
            statusCode: StatusCodes.Status409Conflict),
        StoreOutcome.Unstorable => Unstorable(eventId),
        _ => StorageUnavailable(context),
    };

    public static IResult Unstorable(string eventId) => TypedResults.Problem(
        title: "Event cannot be stored",
        detail: $"Event {eventId} holds a value the event store refuses (for example text or a number it cannot represent); it was not stored. Sending it again will not help.",
        statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult StorageUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)StorageRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Storage unavailable",
            detail: "The event was not stored: storage cannot take more right now. Retry after the Retry-After delay.",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static BatchItemResult ForBatchItem(int index, string eventId, StoreOutcome outcome) => outcome switch
    {
        StoreOutcome.Accepted => new(index, IngestStatus.Accepted, eventId),
        StoreOutcome.Duplicate => new(index, IngestStatus.Duplicate, eventId),
        StoreOutcome.Conflict => new(index, IngestStatus.Conflict, eventId, Errors: new() { ["event_id"] = ["Already stored with different content."] }),
        StoreOutcome.Unstorable => new(index, IngestStatus.Unstorable, eventId, Errors: new() { ["payload"] = ["Holds a value the event store refuses; not stored."] }),
        _ => new(index, IngestStatus.Unavailable, eventId, RetryAfter: (int)StorageRetryAfter.TotalSeconds),
    };
}
