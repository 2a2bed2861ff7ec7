using System.Text.Json;

namespace EventPipeline.Bench;

/// <summary>Reads the event body with the API's JSON limits and answers 202, as the ceilings and peers all do.</summary>
public static class EventBody
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static async Task<IResult> AcceptAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, s_options, request.HttpContext.RequestAborted);
        var id = document.RootElement.GetProperty("event_id").GetString();
        return Results.Json(new { status = "accepted", event_id = id }, statusCode: StatusCodes.Status202Accepted);
    }
}
