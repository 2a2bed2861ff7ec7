using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Identity;
using EventPipeline.Contracts.Events;

namespace EventPipeline.Api.Events;

internal static class AdminEventsApi
{
    public static IEndpointRouteBuilder MapAdminEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/admin/events")
            .WithTags("Admin")
            .RequireAuthorization(Scopes.Admin)
            .MapGet("/", RecentAsync)
            .Produces<EventPage>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> RecentAsync(EventReader reader, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > EventListQuery.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Must be between 1 and {EventListQuery.MaxLimit}."] });
        }
        return TypedResults.Ok(new EventPage(await reader.RecentAsync(limit ?? 20, ct), NextCursor: null));
    }
}
