using System.Net;
using System.Net.Sockets;
using EventPipeline.LoadGen.Auth;
using EventPipeline.LoadGen.RawHttp;

namespace EventPipeline.LoadGen.Engine;

/// <summary>
/// The lean send path (<c>--raw-http1</c>): HTTP/1.1 written straight to sockets, each client's
/// request head built once per token, one request at a time per connection, and no retries.
/// HttpClient is the right default (TLS, HTTP/2, proxies), but on a 2-core machine it cost the
/// generator about as much CPU per request as the server it measured; a benchmark whose generator
/// dominates measures the generator. A request due while every connection is busy waits in a queue,
/// and its latency still counts from its scheduled instant, so the queueing is never hidden.
/// </summary>
public sealed class RawHttpSender : IRequestSender, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private readonly Stack<RawConnection> _idle = new();
    private readonly List<RawConnection> _connections = [];
    private readonly EndPoint _server;
    private readonly int _maxConnections;
    private readonly RequestHeads _heads;
    private readonly AnswerRecorder _answers;
    private readonly CancellationToken _runStopped;
    private readonly CancellationTokenRegistration _onStop;
    private bool _stopped;

    public RawHttpSender(Uri target, int maxConnections, IReadOnlyList<ClientToken> tokens, AnswerRecorder answers, CancellationToken runStopped)
    {
        if (target.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("The raw HTTP/1.1 path speaks cleartext http:// only.", nameof(target));
        }

        _server = IPAddress.TryParse(target.IdnHost, out var address) ? new IPEndPoint(address, target.Port) : new DnsEndPoint(target.IdnHost, target.Port);
        _maxConnections = maxConnections;
        _heads = new RequestHeads(target, tokens);
        _answers = answers;
        _runStopped = runStopped;
        _onStop = runStopped.Register(AbandonWaiting);
    }

    public void Send(int client, double scheduled, EventContent content, Guid? eventId)
    {
        var request = new Pending(client, scheduled, content, eventId);
        RawConnection? connection;
        lock (_gate)
        {
            if (_stopped)
            {
                _answers.NeverSent();
                return;
            }

            if (!_idle.TryPop(out connection))
            {
                if (_connections.Count >= _maxConnections)
                {
                    _waiting.Enqueue(request);
                    return;
                }

                connection = new RawConnection(_server);
                _connections.Add(connection);
            }
        }

        _ = ServeAsync(connection, request);
    }

    public void Dispose()
    {
        _onStop.Dispose();
        lock (_gate)
        {
            _stopped = true;
            _connections.ForEach(connection => connection.Dispose());
        }
    }

    // A connection keeps taking waiting requests until none is left, then goes back to the idle stack.
    private async Task ServeAsync(RawConnection connection, Pending request)
    {
        do
        {
            await ExchangeAsync(connection, request);
        }
        while (TryTakeNext(connection, out request));
    }

    private bool TryTakeNext(RawConnection connection, out Pending next)
    {
        lock (_gate)
        {
            if (!_stopped && _waiting.TryDequeue(out next))
            {
                return true;
            }

            _idle.Push(connection);
            next = default;
            return false;
        }
    }

    private async Task ExchangeAsync(RawConnection connection, Pending request)
    {
        var sentAt = _answers.Started(request.Scheduled);
        int status;
        try
        {
            var length = _heads.Write(connection, request.Client, request.Content);
            status = await connection.ExchangeAsync(length, _runStopped);
        }
        catch (OperationCanceledException) when (_runStopped.IsCancellationRequested)
        {
            _answers.Abandoned(request.Client, sentAt, request.EventId);
            return;
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException or ObjectDisposedException)
        {
            status = 0;
        }

        _answers.Answered(request.Client, request.Scheduled, sentAt, status, request.EventId);
    }

    private void AbandonWaiting()
    {
        lock (_gate)
        {
            _stopped = true;
            while (_waiting.TryDequeue(out _))
            {
                _answers.NeverSent();
            }
        }
    }

    private readonly record struct Pending(int Client, double Scheduled, EventContent Content, Guid? EventId);
}
