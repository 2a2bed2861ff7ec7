using System.Globalization;
using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Random JSON and structure-aware mutations of valid documents: wrong types, missing and extra
/// fields, huge strings, out-of-range and non-JSON numbers, duplicate keys, deep nesting, invalid
/// UTF-8, lone surrogates, BOMs, trailing garbage, truncation and byte flips. Everything comes from
/// the <see cref="Random"/> passed in, so a seed replays the same bytes.
/// </summary>
public static class JsonMutator
{
    private static readonly string[] s_oddNumbers =
    [
        "NaN", "-NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "1e999999", "-0", "01", ".5", "1.", "+1", "0x10",
        "9223372036854775808", "-9223372036854775809", "1E+2", "1e", "--1", "1_000", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.0",
    ];

    private static readonly string[] s_oddStrings =
    [
        "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\"", "\"\\udc00\\ud800\"", "\"\\ud800x\"", "\"\\uD83D\\uDE00\"",
        "\"\\uZZZZ\"", "\"\\x41\"", "\"\\\"", "\"\t\"", "\"line\nbreak\"", "\"😀\"", "\"\u202e\"", "\"%00\"", "\"'; DROP TABLE events; --\"",
    ];

    private static readonly byte[][] s_badUtf8 =
    [
        [0x80], [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] s_trailers = ["}", "]", ",", "x", "{}", " {\"a\":1}", "\0", "/* c */", "// c", "\u00a0", "null"];

    public static string RandomValue(Random rng, int depth = 0)
    {
        var kind = depth > 4 ? rng.Next(4) : rng.Next(7);
        return kind switch
        {
            0 => RandomNumber(rng),
            1 => RandomString(rng),
            2 => rng.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
            3 => s_oddStrings[rng.Next(s_oddStrings.Length)],
            4 => "[" + string.Join(",", Enumerable.Range(0, rng.Next(4)).Select(_ => RandomValue(rng, depth + 1))) + "]",
            _ => RandomObject(rng, depth + 1),
        };
    }

    public static string RandomObject(Random rng, int depth = 0) =>
        "{" + string.Join(",", Enumerable.Range(0, rng.Next(5)).Select(i => $"{RandomKey(rng, i)}:{RandomValue(rng, depth + 1)}")) + "}";

    public static string RandomNumber(Random rng) => rng.Next(4) switch
    {
        0 => rng.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        1 => (rng.NextDouble() * Math.Pow(10, rng.Next(-300, 300))).ToString("R", CultureInfo.InvariantCulture),
        2 => "1" + new string('0', rng.Next(1, 400)),
        _ => s_oddNumbers[rng.Next(s_oddNumbers.Length)],
    };

    public static string RandomString(Random rng)
    {
        var length = rng.Next(4) == 0 ? rng.Next(1000) : rng.Next(12);
        var text = new StringBuilder("\"");
        for (var i = 0; i < length; i++)
        {
            var c = (char)(rng.Next(5) == 0 ? rng.Next(0x20, 0xFFFF) : rng.Next('a', 'z' + 1));
            text.Append(c is '"' or '\\' || char.IsSurrogate(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>Nesting of the given depth around a scalar: an array, an object, or both mixed.</summary>
    public static string Nested(Random rng, int depth)
    {
        var open = new StringBuilder();
        var close = new Stack<char>();
        for (var i = 0; i < depth; i++)
        {
            if (rng.Next(2) == 0)
            {
                open.Append('[');
                close.Push(']');
            }
            else
            {
                open.Append("{\"k\":");
                close.Push('}');
            }
        }
        return open.Append('1').Append(string.Concat(close)).ToString();
    }

    /// <summary>A JSON object text with its fields rewritten: a field's value replaced, dropped, doubled, or a field added.</summary>
    public static string MutateFields(Random rng, IReadOnlyList<(string Name, string Value)> fields)
    {
        var mutated = fields.ToList();
        var target = rng.Next(mutated.Count);
        switch (rng.Next(6))
        {
            case 0:
                mutated.RemoveAt(target);
                break;
            case 1:
                mutated.Add((mutated[target].Name, RandomValue(rng)));
                break;
            case 2:
                mutated.Add((RandomKey(rng, mutated.Count), RandomValue(rng)));
                break;
            case 3:
                mutated[target] = (mutated[target].Name, HugeString(rng));
                break;
            default:
                mutated[target] = (mutated[target].Name, RandomValue(rng));
                break;
        }
        return "{" + string.Join(",", mutated.Select(f => $"{f.Name}:{f.Value}")) + "}";
    }

    public static string HugeString(Random rng)
    {
        var length = rng.Next(4) switch { 0 => 129, 1 => rng.Next(1_000, 10_000), 2 => 65_536, _ => rng.Next(100_000, 1_100_000) };
        return "\"" + new string((char)rng.Next('a', 'z' + 1), length) + "\"";
    }

    /// <summary>Byte-level damage to otherwise valid JSON text.</summary>
    public static byte[] Corrupt(Random rng, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return rng.Next(7) switch
        {
            0 => InsertAt(rng, bytes, s_badUtf8[rng.Next(s_badUtf8.Length)], insideString: true),
            1 => InsertAt(rng, bytes, s_badUtf8[rng.Next(s_badUtf8.Length)], insideString: false),
            2 => [0xEF, 0xBB, 0xBF, .. bytes],
            3 => [.. bytes, .. Encoding.UTF8.GetBytes(s_trailers[rng.Next(s_trailers.Length)])],
            4 => bytes[..rng.Next(bytes.Length)],
            5 => Flip(rng, bytes),
            _ => Encoding.Unicode.GetBytes(json),
        };
    }

    private static string RandomKey(Random rng, int index) => rng.Next(6) switch
    {
        0 => "\"\"",
        1 => s_oddStrings[rng.Next(s_oddStrings.Length)],
        _ => $"\"k{index}\"",
    };

    // Inside a string: right after an opening quote, so the bytes land in a key or value.
    private static byte[] InsertAt(Random rng, byte[] bytes, byte[] insert, bool insideString)
    {
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == '"').ToArray();
        var at = insideString && quotes.Length > 0 ? quotes[rng.Next(quotes.Length)] + 1 : rng.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static byte[] Flip(Random rng, byte[] bytes)
    {
        var copy = bytes.ToArray();
        for (var i = rng.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
        }
        return copy;
    }
}
