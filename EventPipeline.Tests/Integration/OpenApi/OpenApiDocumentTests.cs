using System.Net;
using System.Reflection;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace EventPipeline.Tests.Integration.OpenApi;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class OpenApiDocumentTests(ApiFactory api)
{
    [Fact]
    public async Task TheDocumentIsValidOpenApi3WithoutAToken()
    {
        var (document, diagnostic) = await LoadDocumentAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.StartsWith("3.", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task TheDocumentListsEveryMappedEndpointWithEveryMethod()
    {
        var (document, _) = await LoadDocumentAsync();
        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {Normalize(p.Key)}")).ToHashSet();

        var mapped = MappedEndpoints().SelectMany(e => Methods(e).Select(m => $"{m} {PathOf(e)}")).ToList();

        Assert.NotEmpty(mapped);
        Assert.Contains("POST /v1/events", mapped);
        var undescribed = mapped.Where(m => !described.Contains(m)).ToList();
        Assert.True(undescribed.Count == 0, "Not in the document: " + string.Join(", ", undescribed));
    }

    [Fact]
    public async Task EveryOperationDescribesItsSuccessfulAnswer()
    {
        var (document, _) = await LoadDocumentAsync();

        var undescribed = document.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => (Name: $"{o.Key.Method} {p.Key}", o.Value)))
            .Where(o => o.Value.Responses is null || !o.Value.Responses.Keys.Any(k => k.StartsWith('2')))
            .Select(o => o.Name)
            .ToList();

        Assert.True(undescribed.Count == 0, "No 2xx answer described: " + string.Join(", ", undescribed));
    }

    [Fact]
    public async Task EveryReadOfTheVersionedApiDescribesTheBodyItAnswers()
    {
        var (document, _) = await LoadDocumentAsync();

        var bodiless = document.Paths.Where(p => p.Key.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.Operations!.Where(o => o.Key == HttpMethod.Get).Select(o => (Name: p.Key, o.Value)))
            .Where(o => o.Value.Responses!.Where(r => r.Key.StartsWith('2')).All(r => r.Value.Content is not { Count: > 0 } content || content.Values.All(m => m.Schema is null)))
            .Select(o => o.Name)
            .ToList();

        Assert.True(bodiless.Count == 0, "No answer body described: " + string.Join(", ", bodiless));
    }

    [Fact]
    public async Task EveryProtectedOperationNamesTheClientCredentialsSchemeAndAnswers401And403AsProblems()
    {
        var (document, _) = await LoadDocumentAsync();
        var scheme = Assert.IsType<OpenApiSecurityScheme>(document.Components!.SecuritySchemes!["client-credentials"], exactMatch: false);
        Assert.Equal(SecuritySchemeType.OAuth2, scheme.Type);
        Assert.Equal("/auth/token", scheme.Flows!.ClientCredentials!.TokenUrl!.ToString());

        var protectedEndpoints = MappedEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0)
            .ToList();
        Assert.NotEmpty(protectedEndpoints);
        foreach (var endpoint in protectedEndpoints)
        {
            foreach (var method in Methods(endpoint))
            {
                var operation = Operation(document, method, PathOf(endpoint));
                var requirement = Assert.Single(operation.Security!);
                Assert.Equal("client-credentials", Assert.Single(requirement.Keys).Reference.Id);
                foreach (var status in (string[])["401", "403"])
                {
                    Assert.True(operation.Responses!.TryGetValue(status, out var response), $"{method} {PathOf(endpoint)} does not describe {status}");
                    Assert.Contains("application/problem+json", response.Content!.Keys);
                }
            }
        }
    }

    [Fact]
    public async Task IngestionDescribesItsBodyAndTheRateLimitHeadersAndRetryAfter()
    {
        var (document, _) = await LoadDocumentAsync();
        var post = Operation(document, "POST", "/v1/events");

        var body = post.RequestBody!.Content!["application/json"].Schema!;
        Assert.Contains("event_id", body.Properties!.Keys);
        Assert.Contains("payload", body.Properties!.Keys);
        Assert.Contains("RateLimit-Policy", post.Responses!["202"].Headers!.Keys);
        Assert.Contains("X-RateLimit-Remaining", post.Responses!["202"].Headers!.Keys);
        Assert.Contains("Retry-After", post.Responses!["429"].Headers!.Keys);
        Assert.Contains("application/problem+json", post.Responses!["429"].Content!.Keys);
        Assert.Contains("status", post.Responses!["202"].Content!["application/json"].Schema!.Properties!.Keys);
    }

    [Fact]
    public async Task TheWireTypesSharedWithTheDashboardKeepTheirSchemaNames()
    {
        var (document, _) = await LoadDocumentAsync();

        var schemas = document.Components!.Schemas!.Keys;

        Assert.All(["StoredEvent", "EventPage", "StorageStatus", "ClientBuckets", "BucketState", "TopClient",
            "LimiterConfigResponse", "LimiterConfigDocument", "LimiterConfigVersion", "BucketLimit", "PolicyOverride", "LimitChangeRequest"],
            name => Assert.Contains(name, schemas));
    }

    [Fact]
    public async Task TheScalarReferencePageIsServedInDevelopment()
    {
        using var response = await api.CreateClientWithOwnAddress().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(page.Contains("openapi/v1.json", StringComparison.Ordinal), page);
    }

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> LoadDocumentAsync()
    {
        using var response = await api.CreateClientWithOwnAddress().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var result = await OpenApiDocument.LoadAsync(stream, "json");
        return (result.Document!, result.Diagnostic!);
    }

    private List<RouteEndpoint> MappedEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

    // Endpoints that are not route handlers (health checks, the scrape endpoint) answer any method; GET is the one they document.
    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
            ? methods
            : endpoint.Metadata.GetMetadata<MethodInfo>() is null ? ["GET"] : [];

    private static string PathOf(RouteEndpoint endpoint) =>
        Normalize("/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        })))));

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static OpenApiOperation Operation(OpenApiDocument document, string method, string path)
    {
        var item = document.Paths.Single(p => Normalize(p.Key) == path).Value;
        return item.Operations![HttpMethod.Parse(method)];
    }
}
