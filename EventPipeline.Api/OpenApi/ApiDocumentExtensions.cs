using Scalar.AspNetCore;

namespace EventPipeline.Api.OpenApi;

/// <summary>
/// The API's own description at <c>/openapi/v1.json</c> (ASP.NET Core's built-in generator) and, in
/// Development, an interactive reference page at <c>/scalar/v1</c>.
/// </summary>
internal static class ApiDocumentExtensions
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiInfoTransformer>();
            options.AddDocumentTransformer<ClientCredentialsSchemeTransformer>();
            options.AddDocumentTransformer<ProblemDetailsSchemaTransformer>();
            options.AddDocumentTransformer<OperationalEndpointsTransformer>();
            options.AddOperationTransformer<AuthorizationResponsesTransformer>();
            options.AddOperationTransformer<RateLimitHeadersTransformer>();
            options.AddSchemaTransformer<RawJsonPayloadSchemaTransformer>();
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }
        return app;
    }
}
