namespace EventPipeline.LoadGen.Checking;

/// <summary>One request as the checker sees it: when it left and what came back (0: no answer).</summary>
public readonly record struct CheckSample(double SentAt, int Status);
