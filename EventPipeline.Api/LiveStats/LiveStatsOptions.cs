using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Api.LiveStats;

public sealed class LiveStatsOptions
{
    public const string SectionName = "LiveStats";

    /// <summary>Browser origins allowed to open the live stream; requests with another Origin get 403.</summary>
    [Required]
    public string[] AllowedOrigins { get; set; } = ["http://localhost:8081"];

    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
