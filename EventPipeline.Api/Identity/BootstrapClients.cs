namespace EventPipeline.Api.Identity;

/// <summary>The clients every installation starts with: the admin and the demo clients of the original.</summary>
internal static class BootstrapClients
{
    public const string AdminClientId = "admin";

    public static readonly IReadOnlyList<string> AdminScopes = [Scopes.Admin, Scopes.EventsWrite, Scopes.EventsRead];

    public static readonly IReadOnlyList<string> DemoScopes = [Scopes.EventsWrite, Scopes.EventsRead];

    /// <summary><c>dashboard</c>, <c>loadgen</c>, <c>test-123</c> and <c>loadgen-01</c> .. <c>loadgen-20</c>.</summary>
    public static readonly IReadOnlyList<string> DemoClientIds =
    [
        "dashboard", "loadgen", "test-123",
        .. Enumerable.Range(1, 20).Select(i => $"loadgen-{i:00}"),
    ];
}
