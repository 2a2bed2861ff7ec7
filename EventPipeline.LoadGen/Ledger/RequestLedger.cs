using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace EventPipeline.LoadGen.Ledger;

/// <summary>
/// Writes every request of a run to a CSV file (see <see cref="LedgerEntry"/>). The sending path
/// only drops a small struct into an unbounded channel; one background task formats and writes,
/// so the ledger never delays the schedule.
/// </summary>
public sealed class RequestLedger : IAsyncDisposable
{
    private readonly Channel<Line> _records = Channel.CreateUnbounded<Line>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IReadOnlyList<string> _clientIds;
    private readonly double _startUnixMs;
    private readonly Task _writing;

    public RequestLedger(string path, IReadOnlyList<string> clientIds, RunClock clock)
    {
        _clientIds = clientIds;
        _startUnixMs = clock.StartedAt.ToUnixTimeMilliseconds();
        _writing = Task.Run(() => WriteAsync(path));
    }

    public void Record(Guid? eventId, int client, double sentAt, int status, double answeredAt) =>
        _records.Writer.TryWrite(new Line(eventId, client, sentAt, status, answeredAt));

    public async ValueTask DisposeAsync()
    {
        _records.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteAsync(string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        await writer.WriteLineAsync(LedgerEntry.Header);
        var line = new StringBuilder(128);
        await foreach (var record in _records.Reader.ReadAllAsync())
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $"{record.EventId?.ToString("D") ?? ""},{_clientIds[record.Client]},{UnixMs(record.SentAt):F3},{record.Status},{UnixMs(record.AnsweredAt):F3}");
            await writer.WriteLineAsync(line);
        }
    }

    private double UnixMs(double runSeconds) => _startUnixMs + (runSeconds * 1000);

    private readonly record struct Line(Guid? EventId, int Client, double SentAt, int Status, double AnsweredAt);
}
