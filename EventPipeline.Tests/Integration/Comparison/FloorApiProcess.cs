using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Security;

namespace EventPipeline.Tests.Integration.Comparison;

/// <summary>
/// The built bench/FloorApi as its own process, with the settings bench/lib/apps.sh (start_floor_api)
/// and bench/sections/floor.sh give it: its own entry point, not the API's Program with the modes added.
/// </summary>
public sealed class FloorApiProcess : ServiceProcess
{
    private FloorApiProcess(LocalPostgresServer postgres, LocalRedisServer redis, string writeMode, bool scriptCaching)
        : base("bench/FloorApi", "floor API", new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["ConnectionStrings__eventsdb"] = postgres.ConnectionString,
            ["Identity__SigningKey"] = ApiFactory.SigningKey,
            ["Identity__DemoClients"] = "true",
            ["Identity__DemoClientSecret"] = ApiFactory.DemoSecret,
            ["Identity__AdminClientSecret"] = ApiFactory.AdminSecret,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Limiting__Default__Capacity"] = "1000000000",
            ["Limiting__Default__Refill"] = "1000000000",
            ["Ingestion__WriteMode"] = writeMode,
            ["Limiting__ScriptCaching"] = scriptCaching ? "true" : "false",
            // One commit per event makes writes wait for the commit loops past admission control's
            // 20 ms on a loaded machine, and it then sheds the next POST with 503; this checks the
            // start path and the floor modes, and admission control has its own tests.
            ["Admission__Enabled"] = "false",
        })
    {
    }

    public static async Task<FloorApiProcess> StartAsync(LocalPostgresServer postgres, LocalRedisServer redis, string writeMode, bool scriptCaching)
    {
        var floor = new FloorApiProcess(postgres, redis, writeMode, scriptCaching);
        await floor.WaitUntilServingAsync("/health");
        return floor;
    }
}
