using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>The generated requests, one family per endpoint that reads untrusted input.</summary>
public static class FuzzCorpus
{
    private static readonly string[] s_contentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16",
        "application/json; charset=\"garbage", "application/json;;;", "text/plain", "application/x-www-form-urlencoded", "*/*",
        "application/problem+json", "multipart/form-data; boundary=", "application/vnd.api+json", "",
    ];

    private static readonly string[] s_timestamps =
    [
        "\"2026-01-31T12:00:00Z\"", "\"2026-01-31T12:00:00.123456789+02:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-01-31\"", "\"soon\"", "1769860800", "null", "\"2026-01-31T25:61:61Z\"",
    ];

    private static readonly string[] s_queryValues =
    [
        "", "-1", "0", "1", "500", "501", "2147483648", "99999999999999999999", "1e3", "abc", "%zz", "%00", "%C3%28", "NaN", " 5",
        "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01", "MTIzOmFiYw", "LTE6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA",
        "OTk5OTk5OTk5OTk5OTk5OTk5OTk6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA", "====", "a+b/c=",
    ];

    private static readonly string[] s_encodings = ["gzip", "gzip", "br", "deflate", "gzip, gzip", "identity", "zstd", "GZIP", "x-gzip"];

    public static FuzzCase Event(Random rng)
    {
        var body = Bytes(rng, EventJson(rng));
        return new FuzzCase("event", HttpMethod.Post, "/v1/events", body, ContentType(rng)) { ContentEncoding = MaybeLyingEncoding(rng) };
    }

    public static FuzzCase Batch(Random rng)
    {
        var json = rng.Next(8) switch
        {
            0 => JsonMutator.RandomValue(rng),
            1 => JsonMutator.MutateFields(rng, [("\"events\"", EventsArray(rng))]),
            _ => $"{{\"events\":{EventsArray(rng)}}}",
        };
        var body = Bytes(rng, json);
        return rng.Next(3) == 0
            ? new FuzzCase("batch-gzip", HttpMethod.Post, "/v1/events/batch", Compressed(rng, body), "application/json") { ContentEncoding = "gzip" }
            : new FuzzCase("batch", HttpMethod.Post, "/v1/events/batch", body, ContentType(rng)) { ContentEncoding = MaybeLyingEncoding(rng) };
    }

    public static FuzzCase TokenForm(Random rng)
    {
        string[] keys = ["grant_type", "client_id", "client_secret", "scope", "grant_type", "x", "", "%zz", "client_id%00"];
        string[] values = ["client_credentials", "hardening-writer", "wrong", "", "%zz", "%", "%C3%28", "%00", "a=b=c", "password", new string('v', 5000)];
        var pairs = Enumerable.Range(0, rng.Next(6)).Select(_ => $"{Pick(rng, keys)}={Pick(rng, values)}");
        var form = string.Join(rng.Next(6) == 0 ? ";" : "&", pairs);
        var contentType = rng.Next(5) == 0 ? ContentType(rng) : "application/x-www-form-urlencoded";
        string[] basics = ["Basic", "Basic !!!", "Basic " + Convert.ToBase64String("nocolon"u8), "Basic " + Convert.ToBase64String("a:b:c"u8),
            "Basic " + Convert.ToBase64String("%zz:%"u8), "Basic " + Convert.ToBase64String([0xFF, 0x3A, 0xC3]), "Bearer x", "Digest a=b"];
        return new FuzzCase("token", HttpMethod.Post, "/auth/token", Bytes(rng, form), contentType)
        {
            Authorization = rng.Next(3) == 0 ? Pick(rng, basics) : "",
        };
    }

    public static FuzzCase Login(Random rng)
    {
        var json = JsonMutator.MutateFields(rng, [("\"client_id\"", "\"hardening-writer\""), ("\"client_secret\"", "\"wrong\"")]);
        return new FuzzCase("login", HttpMethod.Post, "/auth/login", Bytes(rng, json), ContentType(rng)) { Authorization = "" };
    }

    public static FuzzCase AdminClient(Random rng)
    {
        var id = rng.Next(4) == 0 ? JsonMutator.RandomString(rng) : $"\"fuzz-{rng.Next():x}\"";
        (string, string)[] fields =
        [
            ("\"client_id\"", id), ("\"scopes\"", "[\"events:write\"]"), ("\"tier\"", "\"standard\""),
            ("\"limit\"", $"{{\"capacity\":{JsonMutator.RandomNumber(rng)},\"refill_per_second\":1}}"), ("\"enabled\"", "true"),
        ];
        var json = JsonMutator.MutateFields(rng, fields);
        return rng.Next(3) == 0
            ? new FuzzCase("admin-client-patch", HttpMethod.Patch, $"/v1/admin/clients/{PathSegment(rng)}", Bytes(rng, json), ContentType(rng))
            : new FuzzCase("admin-client", HttpMethod.Post, "/v1/admin/clients", Bytes(rng, json), ContentType(rng));
    }

    public static FuzzCase LimiterConfig(Random rng)
    {
        (string, string)[] limit = [("\"bucket\"", JsonMutator.RandomNumber(rng)), ("\"refill\"", JsonMutator.RandomNumber(rng)), ("\"capacity\"", "100")];
        (string, string)[] policy = [("\"mode\"", Pick(rng, ["\"Enforce\"", "\"Shadow\"", "\"shadow\"", "\"Off\"", "1", "99"])), ("\"failure_mode\"", "\"Local\"")];
        var (path, fields) = rng.Next(4) switch
        {
            0 => ($"/v1/config/limiter/tiers/{PathSegment(rng)}", limit),
            1 => ($"/v1/config/limiter/clients/{PathSegment(rng)}", limit),
            2 => ("/v1/config/limiter/policies/ingest", policy),
            _ => ("/v1/config/limiter", limit),
        };
        var method = path == "/v1/config/limiter" ? HttpMethod.Post : HttpMethod.Put;
        return new FuzzCase("limiter-config", method, path, Bytes(rng, JsonMutator.MutateFields(rng, fields)), ContentType(rng));
    }

    public static FuzzCase Query(Random rng)
    {
        string[] keys = ["limit", "cursor", "since", "source", "count", "tier", "limit", "cursor", "x"];
        var query = string.Join("&", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => $"{Pick(rng, keys)}={QueryValue(rng)}"));
        var path = rng.Next(7) switch
        {
            0 => $"/v1/events/{PathSegment(rng)}",
            1 => "/v1/admin/events",
            2 => "/v1/limiter/top",
            3 => $"/v1/limiter/buckets/{PathSegment(rng)}",
            4 => $"/v1/admin/clients/{PathSegment(rng)}",
            5 => $"/v1/config/limiter/revert/{PathSegment(rng)}",
            _ => "/v1/events",
        };
        var method = path.StartsWith("/v1/config/limiter/revert", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        return new FuzzCase("query", method, $"{path}?{query}");
    }

    public static FuzzCase Header(Random rng, string validToken)
    {
        var parts = validToken.Split('.');
        string[] authorizations =
        [
            "Bearer", "Bearer ", "Bearer x", "Bearer a.b.c", "Bearer ....", "bearer " + validToken, "Bearer  " + validToken + " ",
            "Bearer " + validToken[..^3] + "abc", "Bearer " + parts[0] + "." + parts[1] + ".", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "Bearer " + parts[1] + "." + parts[0] + "." + parts[2], "Bearer " + new string('a', rng.Next(1, 20_000)), "Bearer " + string.Join('.', Enumerable.Repeat("eyJ9", 500)),
            "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonMutator.Nested(rng, 2000))) + ".e30.x", "Basic " + validToken, validToken, "Bearer\t" + validToken,
            "Bearer " + RandomAscii(rng),
        ];
        var body = Encoding.UTF8.GetBytes($"{{\"event_id\":\"{EventId(rng)}\",\"source\":\"fuzz\",\"payload\":{{}}}}");
        return rng.Next(3) switch
        {
            0 => new FuzzCase("header-auth", HttpMethod.Get, "/v1/whoami") { Authorization = Pick(rng, authorizations) },
            1 => new FuzzCase("header-auth", HttpMethod.Post, "/v1/events", body, "application/json") { Authorization = Pick(rng, authorizations) },
            _ => new FuzzCase("header-content", HttpMethod.Post, "/v1/events", body, ContentType(rng)) { ContentEncoding = Pick(rng, s_encodings) },
        };
    }

    public static string EventId(Random rng)
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string EventJson(Random rng)
    {
        (string, string)[] fields =
        [
            ("\"event_id\"", $"\"{EventId(rng)}\""),
            ("\"source\"", rng.Next(3) == 0 ? JsonMutator.RandomString(rng) : "\"fuzz\""),
            ("\"payload\"", rng.Next(6) == 0 ? JsonMutator.Nested(rng, Pick(rng, [30, 31, 32, 33, 64, 1000, 20_000])) : JsonMutator.RandomObject(rng)),
            ("\"timestamp\"", Pick(rng, s_timestamps)),
        ];
        return rng.Next(5) switch
        {
            0 => JsonMutator.RandomValue(rng),
            1 or 2 => "{" + string.Join(",", fields.Take(rng.Next(3, 5)).Select(f => $"{f.Item1}:{f.Item2}")) + "}",
            _ => JsonMutator.MutateFields(rng, fields),
        };
    }

    // Past the 500-event limit with small items only: 501 huge events would cost the suite seconds and test nothing more.
    private static string EventsArray(Random rng) => rng.Next(8) == 0
        ? "[" + string.Join(",", Enumerable.Range(0, 501).Select(_ => $"{{\"event_id\":\"{EventId(rng)}\",\"source\":\"fuzz\",\"payload\":{{}}}}")) + "]"
        : "[" + string.Join(",", Enumerable.Range(0, Pick(rng, [0, 1, 2, 5, 20])).Select(_ => EventJson(rng))) + "]";

    private static byte[] Bytes(Random rng, string json) => rng.Next(4) == 0 ? JsonMutator.Corrupt(rng, json) : Encoding.UTF8.GetBytes(json);

    private static byte[] Compressed(Random rng, byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }
        var bytes = compressed.ToArray();
        return rng.Next(4) switch
        {
            0 => bytes[..rng.Next(bytes.Length)],
            1 when bytes.Length > 10 => [.. bytes[..10], .. bytes[10..].Select(b => (byte)(b ^ rng.Next(256)))],
            _ => bytes,
        };
    }

    private static string? MaybeLyingEncoding(Random rng) => rng.Next(10) == 0 ? Pick(rng, s_encodings) : null;

    private static string ContentType(Random rng) => rng.Next(4) == 0 ? Pick(rng, s_contentTypes) : "application/json";

    private static string QueryValue(Random rng) => rng.Next(6) switch
    {
        0 => Uri.EscapeDataString(RandomAscii(rng)),
        1 => new string('9', rng.Next(1, 3000)),
        _ => Pick(rng, s_queryValues),
    };

    private static string PathSegment(Random rng) => rng.Next(4) switch
    {
        0 => EventId(rng),
        1 => Uri.EscapeDataString(RandomAscii(rng)),
        2 => Pick(rng, ["-1", "0", "9223372036854775808", "%2F", "..", "%C3%28", "a%20b", new string('z', 2000)]),
        _ => rng.Next().ToString(CultureInfo.InvariantCulture),
    };

    private static string RandomAscii(Random rng) =>
        new(Enumerable.Range(0, rng.Next(1, 40)).Select(_ => (char)rng.Next(0x21, 0x7F)).ToArray());

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];
}
