using EventPipeline.Api.Apis;
using EventPipeline.Api.Comparison;
using EventPipeline.Api.Identity;
using EventPipeline.Api.Ingestion;
using EventPipeline.Api.Limiting;
using EventPipeline.Api.LiveStats;
using EventPipeline.Api.Security;
using EventPipeline.Api.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiProblemDetails();
builder.AddRequestLimits();
builder.AddTrustedProxies();
builder.AddRedisClient(connectionName: "redis");
builder.AddStorage();
builder.AddIdentity();
builder.AddLimiting();
builder.AddIngestion();
builder.AddLiveStats();
builder.AddComparisonModes();

var app = builder.Build();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseGzipOrPlainBodies();
app.UseRequestDecompression();
app.UseAuthentication();
app.UseAuthorization();
// After authentication: the limiter partitions by the token's client and tier.
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapPingApi();
app.MapAuthApi();
app.MapWhoAmIApi();
app.MapJwksApi();
app.MapAdminClientsApi();
app.MapEventsApi();
app.MapAdminEventsApi();
app.MapLimiterConfigApi();
app.MapLimiterBucketsApi();
app.MapLiveApi();

app.Run();
