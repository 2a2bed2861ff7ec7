using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EventPipeline.LoadGen.Control;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/runs").RequireAuthorization(ApiTokenAuthenticationHandler.OperatorPolicy);
        runs.MapPost("/", StartRun);
        runs.MapGet("/current", GetCurrent);
        runs.MapDelete("/current", StopCurrent);
        return app;
    }

    private static Results<Accepted<RunReport>, ValidationProblem, ProblemHttpResult> StartRun(
        RunOptions options, RunManager manager, IOptions<LoadGenOptions> settings)
    {
        // The target is the API this service was wired to, never the caller's: a run must not be
        // pointed elsewhere. No admin secret: a --check run states its limits.
        var effective = options with { Url = settings.Value.ApiUrl, Secret = settings.Value.DemoClientSecret, AdminSecret = null };
        var errors = RunOptionsValidator.Validate(effective);
        foreach (var (name, messages) in ControlBounds.Validate(effective))
        {
            errors[name] = messages;
        }
        if (options.Url is not null)
        {
            errors["url"] = ["A run always targets the API this load generator was configured with; leave url out."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The run's options are not valid.");
        }

        if (!manager.TryStart(effective, out var run))
        {
            return TypedResults.Problem(
                $"A {run.Options.Profile} run is already {run.State.ToString().ToLowerInvariant()}; stop it with DELETE /runs/current first.",
                statusCode: StatusCodes.Status409Conflict, title: "A run is already active.");
        }

        return TypedResults.Accepted("/runs/current", run.Snapshot());
    }

    private static Results<Ok<RunReport>, ProblemHttpResult> GetCurrent(RunManager manager) =>
        manager.Current is { } run
            ? TypedResults.Ok(run.Snapshot())
            : TypedResults.Problem("No run has been started yet.", statusCode: StatusCodes.Status404NotFound, title: "No run.");

    private static async Task<Results<Ok<RunReport>, ProblemHttpResult>> StopCurrent(RunManager manager)
    {
        if (manager.Current is not { Completion.IsCompleted: false } run)
        {
            return TypedResults.Problem("No run is active.", statusCode: StatusCodes.Status404NotFound, title: "No active run.");
        }

        run.Stop();
        return TypedResults.Ok(await run.Completion);
    }
}
