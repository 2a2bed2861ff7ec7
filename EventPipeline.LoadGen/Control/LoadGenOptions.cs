using System.ComponentModel.DataAnnotations;

namespace EventPipeline.LoadGen.Control;

public sealed class LoadGenOptions
{
    public const string SectionName = "LoadGen";

    /// <summary>Secret of the demo clients loadgen-01..20; a run may override it.</summary>
    public string? DemoClientSecret { get; set; }

    /// <summary>The API every run targets (Aspire passes services:api:http:0); also the judge of control tokens.</summary>
    [Required(ErrorMessage = "LoadGen:ApiUrl must be set (or services:api:http:0 provided).")]
    public Uri ApiUrl { get; set; } = new("http://localhost:8080");
}
