using EventPipeline.Client;
using EventPipeline.Client.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class EventPipelineClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EventPipelineClient"/> (transient) and <see cref="EventBatcher"/> (singleton,
    /// flushed when the container is disposed) on an HTTP pipeline that adds tokens and retries.
    /// Returns the API client's builder, to add handlers or a primary handler.
    /// </summary>
    public static IHttpClientBuilder AddEventPipelineClient(this IServiceCollection services, Action<EventPipelineClientOptions>? configure = null)
    {
        var options = services.AddOptions<EventPipelineClientOptions>()
            .Validate(o => o.BaseAddress is not null, $"{EventPipelineClientOptions.SectionName}:BaseAddress is required.")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClientCredentialsTokenSource>();
        services.TryAddTransient<BearerTokenHandler>();
        services.TryAddTransient<RetryAfterHandler>();

        // This client retries by its own rules (Retry-After, idempotent ids): a second, generic retry
        // layer from ConfigureHttpClientDefaults would multiply tries and ignore the budget.
        services.AddHttpClient(ClientCredentialsTokenSource.HttpClientName).RemoveAllResilienceHandlers();
        var api = services.AddHttpClient(EventPipelineClient.HttpClientName, (sp, http) =>
                http.BaseAddress = sp.GetRequiredService<IOptions<EventPipelineClientOptions>>().Value.BaseAddress)
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<RetryAfterHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();

        services.TryAddTransient(sp => new EventPipelineClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(EventPipelineClient.HttpClientName)));
        services.TryAddSingleton(sp => new EventBatcher(
            sp.GetRequiredService<EventPipelineClient>,
            sp.GetRequiredService<IOptions<EventPipelineClientOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventBatcher>>()));
        return api;
    }
}
