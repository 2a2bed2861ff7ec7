using EventPipeline.Api.Apis;
using EventPipeline.Api.Limiting;
using EventPipeline.Api.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.AddRedisClient(connectionName: "redis");
builder.AddStorage();
builder.AddLimiting();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapPingApi();
app.MapLimiterConfigApi();
app.MapLimiterBucketsApi();

app.Run();
