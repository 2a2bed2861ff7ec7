using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Dashboard;

public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    [Required]
    public Uri ApiBaseUrl { get; set; } = new("http://api");

    [Required]
    public Uri LoadGenBaseUrl { get; set; } = new("http://loadgen");

    /// <summary>
    /// Development only: skip the sign-in and act as <c>admin</c> with <see cref="AdminClientSecret"/>;
    /// the page shows a banner saying so. Ignored outside Development.
    /// </summary>
    public bool OpenInDevelopment { get; set; }

    public string? AdminClientSecret { get; set; }
}
