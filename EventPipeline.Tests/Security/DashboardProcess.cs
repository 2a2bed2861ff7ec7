namespace EventPipeline.Tests.Security;

/// <summary>The built dashboard as its own process, with the environment a test gives it.</summary>
public sealed class DashboardProcess : ServiceProcess
{
    private DashboardProcess(IReadOnlyDictionary<string, string> environment)
        : base("EventPipeline.Dashboard", "dashboard", environment)
    {
    }

    /// <summary>Starts the dashboard without waiting for it: a test of a refused start waits for the exit instead.</summary>
    public static DashboardProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    public static async Task<DashboardProcess> StartServingAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dashboard = new DashboardProcess(environment);
        await dashboard.WaitUntilServingAsync("/alive");
        return dashboard;
    }
}
