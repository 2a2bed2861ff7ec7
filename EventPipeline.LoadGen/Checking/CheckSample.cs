namespace EventPipeline.LoadGen.Checking;

/// <summary>
/// One request as the checker sees it: when it left, what came back (0: no answer) and when the
/// answer came (null: not known). The limiter decided somewhere between the two.
/// </summary>
public readonly record struct CheckSample(double SentAt, int Status, double? AnsweredAt = null)
{
    public double Travel => AnsweredAt is { } answered ? Math.Max(0, answered - SentAt) : 0;
}
