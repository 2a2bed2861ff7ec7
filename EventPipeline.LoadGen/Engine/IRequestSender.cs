namespace EventPipeline.LoadGen.Engine;

// Where a send loop hands each due request: HttpClient (any URL, HTTP/2) or the lean raw HTTP/1.1
// path. Send runs only the synchronous part (taking a connection, writing the request) on the
// caller's thread; the answer is recorded wherever it completes.
public interface IRequestSender
{
    void Send(int client, double scheduled, EventContent content, Guid? eventId);
}
