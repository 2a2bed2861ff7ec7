using EventPipeline.Api;
using EventPipeline.Api.Admission;
using EventPipeline.Api.Database;
using EventPipeline.Api.Events;
using EventPipeline.Api.Http;
using EventPipeline.Api.Identity;
using EventPipeline.Api.Limiting;
using EventPipeline.Api.Limiting.Admin;
using EventPipeline.Api.LiveStats;
using EventPipeline.Api.OpenApi;
using EventPipeline.Api.Runtime;
using EventPipeline.Api.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAdmissionControl();
builder.AddApiProblemDetails();
builder.AddRequestLimits();
builder.AddTrustedProxies();
builder.AddRedis();
builder.AddDatabase();
builder.AddIdentity();
builder.AddLimiting();
builder.AddEvents();
builder.AddLiveStats();
// Nothing in production; bench/FloorApi adds the benchmark-only floor modes here.
builder.AddComposedServices();
builder.AddApiDocument();

var app = builder.Build();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseAdmissionControl();
app.UseStatusCodePages();
app.UseGzipOrPlainBodies();
app.UseRequestDecompression();
app.UseAuthentication();
app.UseAuthorization();
// After authentication: the limiter partitions by the token's client and tier.
app.UseLimiting();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapPingApi();
app.MapAuthApi();
app.MapWhoAmIApi();
app.MapJwksApi();
app.MapAdminClientsApi();
app.MapEventsApi();
app.MapAdminEventsApi();
app.MapAdminStorageApi();
app.MapLimiterConfigApi(adminPolicy: Scopes.Admin);
app.MapLimiterBucketsApi(adminPolicy: Scopes.Admin);
app.MapLiveApi();

app.Run();
