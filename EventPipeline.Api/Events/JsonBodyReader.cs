using System.IO.Pipelines;
using System.Text.Json;
using EventPipeline.Api.Http;
using Microsoft.AspNetCore.Connections;

namespace EventPipeline.Api.Events;

/// <summary>Reads a JSON request body with a byte limit and the parser's limits (depth, duplicates).</summary>
public static class JsonBodyReader
{
    public static async Task<JsonBodyResult> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return JsonBodyResult.Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json.");
        }
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(ct);
            }
            catch (ConnectionResetException)
            {
                // The client went away mid-body: nobody reads this answer, but it is no server error.
                return JsonBodyResult.Fail(StatusCodes.Status400BadRequest, "Body not received", "The connection closed before the whole body arrived.");
            }
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return TooLarge(maxBytes);
            }
            if (result.IsCompleted)
            {
                BodyArrival.MarkArrived(request.HttpContext);
                try
                {
                    var document = JsonDocument.Parse(buffer, EventParser.DocumentOptions);
                    if (!JsonTextCheck.IsStorable(buffer))
                    {
                        document.Dispose();
                        return Unstorable();
                    }
                    return JsonBodyResult.Ok(document);
                }
                catch (JsonException ex)
                {
                    return JsonBodyResult.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", ex.Message);
                }
                catch (InvalidOperationException)
                {
                    // The duplicate-name check unescapes names and throws on an unpaired surrogate.
                    return Unstorable();
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static JsonBodyResult Unstorable() =>
        JsonBodyResult.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", JsonTextCheck.Problem);

    private static JsonBodyResult TooLarge(int maxBytes) =>
        JsonBodyResult.Fail(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must be at most {maxBytes} bytes.");
}

public sealed record JsonBodyResult(JsonDocument? Document, int Status, string? Title, string? Detail)
{
    public static JsonBodyResult Ok(JsonDocument document) => new(document, StatusCodes.Status200OK, null, null);

    public static JsonBodyResult Fail(int status, string title, string detail) => new(null, status, title, detail);

    public IResult ToProblem() => TypedResults.Problem(detail: Detail, statusCode: Status, title: Title);
}
