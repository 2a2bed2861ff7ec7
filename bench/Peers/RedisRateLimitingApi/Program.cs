using EventPipeline.Api.Limiting;
using EventPipeline.Bench;
using EventPipeline.Bench.Peers;

// The same endpoint (JWT, parse, one limiter decision per request, 202 without storing) limited
// either by the RedisRateLimiting package (Limiter=peer) or by our limiter (Limiter=ours), so
// the two differ in the limiter alone. One per process, never both at once.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.AddBenchJwt();
var limiter = builder.Configuration["Limiter"] ?? "peer";
_ = limiter switch
{
    "peer" => builder.AddPeerLimiter(),
    "ours" => builder.AddOurLimiter(),
    _ => throw new InvalidOperationException($"Limiter must be peer or ours, not '{limiter}'."),
};

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
// Each limiter with its own middleware: the package's is UseRateLimiter, ours is UseLimiting.
_ = limiter == "ours" ? app.UseLimiting() : app.UseRateLimiter();
app.MapBenchTokenEndpoint();
app.MapPost("/v1/events", EventBody.AcceptAsync).RequireAuthorization(BenchJwt.WriteScope).RequireRateLimiting(BenchLimit.Policy);
app.Run();
