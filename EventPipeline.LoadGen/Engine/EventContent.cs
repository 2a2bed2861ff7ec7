using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace EventPipeline.LoadGen.Engine;

// One event, a batch as {"events":[...]}, or a fixed body, written from the template into a
// pooled buffer (through HttpClient) or straight into a request buffer (the raw HTTP/1.1 path).
public sealed class EventContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] BatchOpen = "{\"events\":["u8.ToArray();
    private static readonly byte[] BatchClose = "]}"u8.ToArray();

    private readonly EventTemplate _template;
    private readonly SentEvent _event;
    private readonly SentEvent[]? _batch;
    private readonly byte[]? _fixedBody;

    public EventContent(EventTemplate template, SentEvent sent)
    {
        _template = template;
        _event = sent;
        Headers.ContentType = Json;
    }

    public EventContent(byte[] fixedBody)
    {
        _template = null!;
        _fixedBody = fixedBody;
        Headers.ContentType = Json;
    }

    public EventContent(EventTemplate template, Guid[] batch)
        : this(template, Array.ConvertAll(batch, id => (SentEvent)id))
    {
    }

    public EventContent(EventTemplate template, SentEvent[] batch)
    {
        _template = template;
        _batch = batch;
        Headers.ContentType = Json;
    }

    public int Length => _fixedBody?.Length ?? (_batch is null
        ? _template.EventLength
        : BatchOpen.Length + (_batch.Length * (_template.EventLength + 1)) - 1 + BatchClose.Length);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Length);
        try
        {
            var written = Fill(buffer);
            await stream.WriteAsync(buffer.AsMemory(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    public int Fill(Span<byte> buffer)
    {
        if (_fixedBody is not null)
        {
            _fixedBody.CopyTo(buffer);
            return _fixedBody.Length;
        }

        if (_batch is null)
        {
            return _template.Write(buffer, _event);
        }

        BatchOpen.CopyTo(buffer);
        var position = BatchOpen.Length;
        for (var i = 0; i < _batch.Length; i++)
        {
            if (i > 0)
            {
                buffer[position++] = (byte)',';
            }

            position += _template.Write(buffer[position..], _batch[i]);
        }

        BatchClose.CopyTo(buffer[position..]);
        return position + BatchClose.Length;
    }
}
