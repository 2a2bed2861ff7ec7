using System.Text.Json;

namespace EventPipeline.Api.Events;

// The ingestion endpoints read their bodies themselves (to report every invalid field at once and
// keep numbers exactly as sent); these records only describe those bodies in the document.

/// <summary>One event. <c>event_id</c> is the idempotency key: the same id and content again is a duplicate.</summary>
internal sealed record EventRequest(Guid EventId, string Source, JsonElement Payload, DateTimeOffset? Timestamp);

/// <summary>Up to 500 events or 1 MiB; gzip accepted.</summary>
internal sealed record BatchRequest(IReadOnlyList<EventRequest> Events);
