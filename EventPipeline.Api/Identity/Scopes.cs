namespace EventPipeline.Api.Identity;

/// <summary>The scopes a client can hold; each is also the name of the authorization policy that requires it.</summary>
public static class Scopes
{
    public const string EventsWrite = "events:write";
    public const string EventsRead = "events:read";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [EventsWrite, EventsRead, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
