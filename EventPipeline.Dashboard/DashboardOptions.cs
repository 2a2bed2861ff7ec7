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
    /// Development only, and only with <see cref="ConfirmOpenWithoutSignIn"/> as well: skip the
    /// sign-in and act as <c>admin</c> with <see cref="AdminClientSecret"/>; the page shows a banner
    /// saying so. Ignored outside Development.
    /// </summary>
    public bool OpenInDevelopment { get; set; }

    /// <summary>The second, explicit opt-in for <see cref="OpenInDevelopment"/>: one switch alone never opens the dashboard.</summary>
    public bool ConfirmOpenWithoutSignIn { get; set; }

    /// <summary>Only for the open mode; refused at start-up otherwise, so a signed-in dashboard never holds it.</summary>
    public string? AdminClientSecret { get; set; }

    public bool IsOpen(IHostEnvironment environment) => environment.IsDevelopment() && OpenInDevelopment && ConfirmOpenWithoutSignIn;
}
