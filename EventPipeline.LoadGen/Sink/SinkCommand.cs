using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

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
        var command = new Command("sink", "Answer 202 to everything on --port (HTTP/1.1) and --port + 1 (cleartext HTTP/2).") { Hidden = true };
        command.Options.Add(port);
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Cleartext HTTP/2 needs an endpoint of its own: the next port up.
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, result.GetValue(port));
                kestrel.Listen(IPAddress.Loopback, result.GetValue(port) + 1, listen => listen.Protocols = HttpProtocols.Http2);
            });
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
