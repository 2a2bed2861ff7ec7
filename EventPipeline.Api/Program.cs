using EventPipeline.Api.Apis;
using EventPipeline.Api.Identity;
using EventPipeline.Api.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiProblemDetails();
builder.AddRedisClient(connectionName: "redis");
builder.AddStorage();
builder.AddIdentity();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapPingApi();
app.MapAuthApi();
app.MapWhoAmIApi();
app.MapJwksApi();
app.MapAdminClientsApi();

app.Run();
