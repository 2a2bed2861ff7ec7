using EventPipeline.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApiGateway();

app.Run();
