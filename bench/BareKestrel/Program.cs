using EventPipeline.Bench;
using EventPipeline.Bench.BareKestrel;

// One ceiling per process (Ceiling=parse|jwt|jwt-redis), each on POST /v1/events, so one load
// script measures them all and their CPU is never shared.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var ceiling = builder.Configuration["Ceiling"] ?? "parse";
if (ceiling != "parse")
{
    builder.AddBenchJwt();
}
if (ceiling == "jwt-redis")
{
    builder.AddEvalShaPerRequest();
}

var app = builder.Build();
switch (ceiling)
{
    case "parse":
        app.MapPost("/v1/events", EventBody.AcceptAsync);
        break;
    case "jwt":
        app.MapBenchTokenEndpoint();
        app.MapPost("/v1/events", EventBody.AcceptAsync).RequireAuthorization(BenchJwt.WriteScope);
        break;
    case "jwt-redis":
        app.MapBenchTokenEndpoint();
        app.MapPost("/v1/events", EvalShaPerRequest.AcceptAsync).RequireAuthorization(BenchJwt.WriteScope);
        break;
    default:
        throw new InvalidOperationException($"Ceiling must be parse, jwt or jwt-redis, not '{ceiling}'.");
}
app.Run();
