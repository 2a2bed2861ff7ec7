using EventPipeline.Dashboard;
using EventPipeline.Dashboard.Components;
using EventPipeline.Dashboard.SignIn;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDashboard();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
