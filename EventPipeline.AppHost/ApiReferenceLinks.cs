namespace EventPipeline.AppHost;

// Links in the Aspire dashboard next to the API's address: its OpenAPI document and, in Development, the Scalar page.
internal static class ApiReferenceLinks
{
    public static IResourceBuilder<ProjectResource> WithApiReferenceLinks(this IResourceBuilder<ProjectResource> api) =>
        api.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/scalar/v1", DisplayText = "API reference (Scalar)" })
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/openapi/v1.json", DisplayText = "OpenAPI document" });
}
