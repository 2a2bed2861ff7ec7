using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>A bucket's size and its continuous refill rate in tokens per second.</summary>
public sealed record BucketLimit
{
    [Range(1, 1_000_000_000)]
    [JsonPropertyName("capacity")]
    public double Capacity { get; init; }

    [Range(0.001, 1_000_000_000)]
    [JsonPropertyName("refill")]
    public double Refill { get; init; }

    /// <summary>Seconds an empty bucket needs to fill up: the window of the IETF headers.</summary>
    [JsonIgnore]
    public double WindowSeconds => Capacity / Refill;

    public static BucketLimit Of(double capacity, double refill) => new() { Capacity = capacity, Refill = refill };

    public bool IsValid() => Capacity is >= 1 and <= 1_000_000_000 && Refill is >= 0.001 and <= 1_000_000_000;
}
