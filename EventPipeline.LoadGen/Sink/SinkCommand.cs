using System.CommandLine;

namespace EventPipeline.LoadGen.Sink;

// Hidden `sink` mode: a trivial endpoint that hands out a token and answers 202 to every event,
// so the benchmark measures the generator and not the API.
public static class SinkCommand
{
    private static readonly byte[] Accepted = "{\"status\":\"accepted\"}"u8.ToArray();
    private static readonly byte[] Token = "{\"access_token\":\"sink\",\"token_type\":\"Bearer\",\"expires_in\":3600}"u8.ToArray();

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on.", DefaultValueFactory = _ => 5099 };
        var command = new Command("sink", "Answer 202 to everything (for benchmarking the generator).") { Hidden = true };
        command.Options.Add(port);
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseUrls($"http://127.0.0.1:{result.GetValue(port)}");
            var app = builder.Build();
            app.Run(context =>
            {
                var isToken = context.Request.Path.StartsWithSegments("/auth/token");
                var body = isToken ? Token : Accepted;
                context.Response.StatusCode = isToken ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body).AsTask();
            });
            await app.RunAsync(cancellationToken);
        });
        return command;
    }
}
