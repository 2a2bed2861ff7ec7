using System.Text;

namespace EventPipeline.LoadGen.Engine;

// The body is serialised once; each request only patches its 36-character event id in between
// the fixed prefix and suffix, so a request costs no JSON serialisation at all.
public sealed class EventTemplate
{
    public const int IdLength = 36;
    private const string Before = "{\"event_id\":\"";
    private const string After = "\",\"source\":\"loadgen\",\"payload\":{\"data\":\"";
    private const string End = "\"}}";

    public EventTemplate(int bodyBytes)
    {
        Prefix = Encoding.UTF8.GetBytes(Before);
        var padding = Math.Max(0, bodyBytes - Before.Length - IdLength - After.Length - End.Length);
        Suffix = Encoding.UTF8.GetBytes(After + new string('x', padding) + End);
    }

    public byte[] Prefix { get; }

    public byte[] Suffix { get; }

    public int EventLength => Prefix.Length + IdLength + Suffix.Length;

    // The event id is not a UUID and the payload is missing: the API must answer 400.
    public static byte[] InvalidBody { get; } = Encoding.UTF8.GetBytes("{\"event_id\":\"not-a-uuid\",\"source\":\"loadgen\"}");

    public int Write(Span<byte> destination, Guid id)
    {
        Prefix.CopyTo(destination);
        id.TryFormat(destination[Prefix.Length..], out var written, "D");
        Suffix.CopyTo(destination[(Prefix.Length + written)..]);
        return EventLength;
    }
}
