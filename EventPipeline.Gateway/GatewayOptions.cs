using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Gateway;

public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Where the API's replicas are reached; a service-discovery name under the AppHost.</summary>
    [Required]
    public Uri ApiUrl { get; set; } = new("http://api");
}
