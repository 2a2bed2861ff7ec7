using System.Text.Json;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();

// Parses the body with the limits the API uses (depth 32, no duplicate names) and answers 202.
var documentOptions = new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false };
app.MapPost("/v1/events", async (HttpRequest request) =>
{
    using var document = await JsonDocument.ParseAsync(request.Body, documentOptions);
    var id = document.RootElement.GetProperty("event_id").GetString();
    return Results.Json(new { status = "accepted", event_id = id }, statusCode: StatusCodes.Status202Accepted);
});

app.Run();
