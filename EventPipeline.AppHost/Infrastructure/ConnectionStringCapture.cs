namespace EventPipeline.AppHost.Infrastructure;

/// <summary>Holds a resource's connection string once the orchestrator has allocated its endpoints.</summary>
internal sealed class ConnectionStringCapture(string resourceName)
{
    private string? _value;

    // Health checks run only after the event below, but a clear message beats a null reference.
    public string Value => _value ?? throw new InvalidOperationException($"The connection string of '{resourceName}' is not available yet.");

    public void Set(string? value) => _value = value;
}

internal static class ConnectionStringCaptureExtensions
{
    // Executables get no ConnectionStringAvailableEvent of their own, so the capture listens for the
    // allocation of the endpoints the connection string is made of.
    public static ConnectionStringCapture CaptureConnectionString(
        this IDistributedApplicationBuilder builder, IResourceWithConnectionString resource, IResourceWithEndpoints endpointOwner)
    {
        var capture = new ConnectionStringCapture(resource.Name);
        builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>(endpointOwner, async (_, ct) =>
            capture.Set(await resource.ConnectionStringExpression.GetValueAsync(ct)));
        return capture;
    }
}
