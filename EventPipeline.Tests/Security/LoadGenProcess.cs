namespace EventPipeline.Tests.Security;

/// <summary>The built load generator's control service as its own process, wired to the API under attack.</summary>
public sealed class LoadGenProcess : ServiceProcess
{
    private LoadGenProcess(Uri apiUrl, string demoSecret)
        : base("EventPipeline.LoadGen", "load generator", new Dictionary<string, string>
        {
            ["LoadGen__ApiUrl"] = apiUrl.ToString(),
            ["LoadGen__DemoClientSecret"] = demoSecret,
        })
    {
    }

    public static async Task<LoadGenProcess> StartAsync(Uri apiUrl, string demoSecret)
    {
        var loadGen = new LoadGenProcess(apiUrl, demoSecret);
        await loadGen.WaitUntilServingAsync("/health");
        return loadGen;
    }
}
