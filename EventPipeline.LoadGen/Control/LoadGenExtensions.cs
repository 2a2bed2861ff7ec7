using EventPipeline.LoadGen.Engine;

namespace EventPipeline.LoadGen.Control;

public static class LoadGenExtensions
{
    public static IHostApplicationBuilder AddLoadGenerator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadGenOptions>()
            .Bind(builder.Configuration.GetSection(LoadGenOptions.SectionName))
            .PostConfigure(options =>
            {
                // Under Aspire the API's address arrives by service discovery, not as a setting.
                if (builder.Configuration["LoadGen:ApiUrl"] is null && builder.Configuration["services:api:http:0"] is { } discovered)
                {
                    options.ApiUrl = new Uri(discovered);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(json => LoadGenJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton<LoadGenMetrics>();
        builder.Services.AddSingleton<RunManager>();
        return builder;
    }
}
