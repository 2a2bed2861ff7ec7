namespace EventPipeline.Contracts.Events;

/// <summary>The answer to a batch: one result per event, in the order sent.</summary>
public sealed record BatchResult(int Accepted, int Duplicate, int Rejected, IReadOnlyList<BatchItemResult> Results);
