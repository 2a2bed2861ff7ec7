using System.Buffers;
using System.Globalization;
using System.Text;

namespace EventPipeline.Api.Events.Store;

/// <summary>
/// Event ids as clients write them: 1 to 128 printable characters. Anything .NET reads as a UUID
/// is stored in its canonical lowercase form, as before ids became strings, so a UUID sent in
/// upper case or with braces still meets its earlier copy.
/// </summary>
public static class EventIds
{
    public const int MaxLength = 128;

    public const string Rule = "Must be a string of 1 to 128 printable characters (a UUID is recommended, UUIDv7 the fastest).";

    // Control characters, line and paragraph separators, unassigned code points and broken
    // surrogate pairs are not printable; everything else counts, one per code point.
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2 * MaxLength)
        {
            return false;
        }
        var remaining = id.AsSpan();
        for (var count = 1; !remaining.IsEmpty; count++)
        {
            if (count > MaxLength
                || Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
            remaining = remaining[consumed..];
        }
        return true;
    }

    public static string Normalize(string id) => Guid.TryParse(id, out var uuid) ? uuid.ToString("D") : id;
}
