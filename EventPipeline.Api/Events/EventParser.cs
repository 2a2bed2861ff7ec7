using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventPipeline.Api.Events.Store;

namespace EventPipeline.Api.Events;

/// <summary>
/// Reads one event object and reports every invalid field at once. The payload's raw text is
/// kept, so numbers stay exactly as sent.
/// </summary>
public static partial class EventParser
{
    public const int MaxDepth = 32;
    public const int MaxSourceLength = 128;

    /// <summary>Unknown fields named in an answer at most, each name cut to <see cref="MaxReportedNameLength"/>.</summary>
    public const int MaxReportedUnknownFields = 3;
    public const int MaxReportedNameLength = 64;
    public const string MoreUnknownFieldsKey = "(more unknown fields)";

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    private static readonly HashSet<string> s_knownFields = ["event_id", "source", "payload", "timestamp"];

    public static EventParseResult Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Invalid(new() { [""] = ["An event must be a JSON object."] });
        }

        var errors = new Dictionary<string, string[]>();
        ReportUnknownFields(element, errors);

        var eventId = ReadEventId(element, errors);
        var source = ReadSource(element, errors);
        var payload = ReadPayload(element, errors);
        var timestamp = ReadTimestamp(element, errors);

        if (errors.Count > 0)
        {
            return EventParseResult.Invalid(errors);
        }
        return EventParseResult.Valid(new IncomingEvent(eventId, source!, payload!, timestamp, Hash(source!, payload!, timestamp)));
    }

    // The answer names a few unknown fields and counts the rest: echoing every attacker-chosen name
    // would let a small (gzip) body produce an answer many times its size.
    private static void ReportUnknownFields(JsonElement element, Dictionary<string, string[]> errors)
    {
        var unknown = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (s_knownFields.Contains(property.Name))
            {
                continue;
            }
            if (++unknown <= MaxReportedUnknownFields)
            {
                var name = property.Name.Length <= MaxReportedNameLength ? property.Name : property.Name[..MaxReportedNameLength] + "...";
                errors[name] = ["Unknown field."];
            }
        }
        if (unknown > MaxReportedUnknownFields)
        {
            errors[MoreUnknownFieldsKey] = [$"{unknown - MaxReportedUnknownFields} more unknown fields."];
        }
    }

    private static string ReadEventId(JsonElement element, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty("event_id", out var value))
        {
            errors["event_id"] = ["Required."];
        }
        else if (value.ValueKind != JsonValueKind.String || !EventIds.IsValid(value.GetString()))
        {
            errors["event_id"] = [EventIds.Rule];
        }
        else
        {
            return EventIds.Normalize(value.GetString()!);
        }
        return "";
    }

    private static string? ReadSource(JsonElement element, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty("source", out var value))
        {
            errors["source"] = ["Required."];
            return null;
        }
        var source = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(source))
        {
            errors["source"] = ["Must be a non-empty string."];
        }
        else if (source.Length > MaxSourceLength)
        {
            errors["source"] = [$"Must be at most {MaxSourceLength} characters."];
        }
        else if (source.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL's text refuses NUL; one such event would fail its whole group commit.
            errors["source"] = ["Must not contain the NUL character (\\u0000)."];
        }
        return source;
    }

    private static string? ReadPayload(JsonElement element, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty("payload", out var value))
        {
            errors["payload"] = ["Required."];
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors["payload"] = ["Must be a JSON object."];
            return null;
        }
        // PostgreSQL's jsonb refuses \u0000; say so here instead of failing the whole write batch.
        var raw = value.GetRawText();
        if (raw.Contains("\\u0000", StringComparison.Ordinal))
        {
            errors["payload"] = ["Must not contain the NUL character (\\u0000)."];
            return null;
        }
        return raw;
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement element, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty("timestamp", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || !Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
        {
            errors["timestamp"] = ["Must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z."];
            return null;
        }
        return timestamp;
    }

    // What makes a retry "the same event": source, payload text and timestamp, byte for byte.
    private static byte[] Hash(string source, string payload, DateTimeOffset? timestamp)
    {
        var text = string.Join('\u001f', source, payload, timestamp?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}

public sealed record EventParseResult(IncomingEvent? Event, Dictionary<string, string[]>? Errors)
{
    public static EventParseResult Valid(IncomingEvent incoming) => new(incoming, null);

    public static EventParseResult Invalid(Dictionary<string, string[]> errors) => new(null, errors);
}
