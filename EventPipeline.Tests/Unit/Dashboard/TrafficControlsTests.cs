extern alias Dashboard;

using System.Globalization;
using Bunit;
using Dashboard::EventPipeline.Dashboard;
using Dashboard::EventPipeline.Dashboard.Auth;
using Dashboard::EventPipeline.Dashboard.Components.Panels;
using Dashboard::EventPipeline.Dashboard.Services;
using EventPipeline.Contracts.Runs;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Dashboard;

/// <summary>The traffic form before the operator touches it: the load generator's defaults, not a copy of them.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class TrafficControlsTests : IDisposable
{
    private readonly BunitContext _context = new();

    public TrafficControlsTests()
    {
        // Nobody is signed in, so the panel's poll of the load generator stops before any request.
        _context.AddAuthorization();
        _context.Services.AddHttpClient();
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton<CredentialVault>();
        _context.Services.AddSingleton<ApiTokenCache>();
        _context.Services.AddSingleton(Options.Create(new DashboardOptions()));
        _context.Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production });
        _context.Services.AddScoped<DashboardUser>();
        _context.Services.AddScoped<LoadGenClient>();
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void TheFormOffersTheLoadGeneratorsDefaultDurationAndClients()
    {
        var defaults = new RunOptions();

        var panel = _context.Render<TrafficControls>();

        Assert.Equal(defaults.Duration.ToString(CultureInfo.InvariantCulture), panel.Find("[data-testid=traffic-duration]").GetAttribute("value"));
        Assert.Equal(defaults.Clients.ToString(CultureInfo.InvariantCulture), panel.Find("[data-testid=traffic-clients]").GetAttribute("value"));
    }
}
