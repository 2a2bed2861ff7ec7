using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace EventPipeline.Api.Events;

/// <summary>
/// What JSON syntax lets through but neither .NET strings nor PostgreSQL's jsonb accept: invalid
/// UTF-8 and unpaired surrogate escapes (\ud800) in strings, and numbers beyond PostgreSQL's
/// numeric. Caught here, they are the sender's 400 instead of a 500 or a failed group commit.
/// </summary>
public static class JsonTextCheck
{
    public const string Problem =
        "Strings must be valid UTF-8 without unpaired surrogate escapes (\\ud800-\\udfff), and numbers must be below 1e131072 in magnitude with at most 16383 decimal places.";

    private const int MaxIntegerDigits = 131_072;
    private const int MaxDecimalPlaces = 16_383;

    public static bool IsStorable(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = EventParser.MaxDepth });
        while (reader.Read())
        {
            var storable = reader.TokenType switch
            {
                JsonTokenType.String or JsonTokenType.PropertyName => IsText(ref reader),
                JsonTokenType.Number => FitsNumeric(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                _ => true,
            };
            if (!storable)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // The decimal orders of the first and last significant digits must fit numeric's range.
    private static bool FitsNumeric(ReadOnlySpan<byte> number)
    {
        var e = number.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? number : number[..e];
        long exponent = 0;
        if (e >= 0 && !long.TryParse(number[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }
        var point = mantissa.IndexOf((byte)'.');
        var integerDigits = (point < 0 ? mantissa : mantissa[..point]).TrimStart((byte)'-').Length;
        var digits = point < 0 ? mantissa.TrimStart((byte)'-') : [.. mantissa[..point].TrimStart((byte)'-'), .. mantissa[(point + 1)..]];
        var first = digits.IndexOfAnyExcept((byte)'0');
        if (first < 0)
        {
            return true;
        }
        var last = digits.LastIndexOfAnyExcept((byte)'0');
        return integerDigits - 1 - first + exponent < MaxIntegerDigits && integerDigits - 1 - last + exponent >= -MaxDecimalPlaces;
    }
}
