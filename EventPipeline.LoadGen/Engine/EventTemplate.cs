using System.Globalization;
using System.Text;

namespace EventPipeline.LoadGen.Engine;

// The body is serialised once; each request only patches its 36-character event id (and, when
// events are stamped, a fixed-width timestamp) in between fixed parts, so a request costs no JSON
// serialisation at all.
public sealed class EventTemplate
{
    public const int IdLength = 36;
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    private const int TimestampLength = 24;
    private const string Before = "{\"event_id\":\"";
    private const string BeforeTimestamp = "\",\"timestamp\":\"";
    private const string After = "\",\"source\":\"loadgen\",\"payload\":{\"data\":\"";
    private const string End = "\"}}";

    private readonly byte[] _beforeTimestamp = Encoding.UTF8.GetBytes(BeforeTimestamp);

    public EventTemplate(int bodyBytes, bool stamped = false)
    {
        Stamped = stamped;
        Prefix = Encoding.UTF8.GetBytes(Before);
        var stampLength = stamped ? BeforeTimestamp.Length + TimestampLength : 0;
        var padding = Math.Max(0, bodyBytes - Before.Length - IdLength - stampLength - After.Length - End.Length);
        Suffix = Encoding.UTF8.GetBytes(After + new string('x', padding) + End);
    }

    /// <summary>Whether every event carries a <c>timestamp</c> from the client's clock.</summary>
    public bool Stamped { get; }

    public byte[] Prefix { get; }

    public byte[] Suffix { get; }

    public int EventLength => Prefix.Length + IdLength + (Stamped ? _beforeTimestamp.Length + TimestampLength : 0) + Suffix.Length;

    // The event id is empty and the payload is missing: the API must answer 400.
    public static byte[] InvalidBody { get; } = Encoding.UTF8.GetBytes("{\"event_id\":\"\",\"source\":\"loadgen\"}");

    public int Write(Span<byte> destination, SentEvent sent)
    {
        Prefix.CopyTo(destination);
        var position = Prefix.Length;
        sent.Id.TryFormat(destination[position..], out var written, "D");
        position += written;
        if (Stamped)
        {
            _beforeTimestamp.CopyTo(destination[position..]);
            position += _beforeTimestamp.Length;
            var timestamp = sent.Timestamp ?? throw new ArgumentException("A stamped template needs the event's timestamp.", nameof(sent));
            timestamp.TryFormat(destination[position..], out written, TimestampFormat, CultureInfo.InvariantCulture);
            position += written;
        }

        Suffix.CopyTo(destination[position..]);
        return EventLength;
    }
}
