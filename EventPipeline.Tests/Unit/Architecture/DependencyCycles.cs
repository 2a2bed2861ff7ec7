namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>The groups of nodes that reach each other (strongly connected components of more than one node).</summary>
public static class DependencyCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Where(e => e.From != e.To).ToLookup(e => e.From, e => e.To);
        var nodes = next.Select(g => g.Key).Concat(next.SelectMany(g => g)).Distinct().Order(StringComparer.Ordinal).ToList();
        var reach = nodes.ToDictionary(n => n, n => Reachable(n, next));
        return nodes
            .Select(n => nodes.Where(m => m == n || (reach[n].Contains(m) && reach[m].Contains(n))).ToList())
            .Where(group => group.Count > 1)
            .DistinctBy(group => group[0])
            .Select(group => (IReadOnlyList<string>)group)
            .ToList();
    }

    private static HashSet<string> Reachable(string start, ILookup<string, string> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(next[start]);
        while (pending.TryPop(out var node))
        {
            if (seen.Add(node))
            {
                foreach (var following in next[node])
                {
                    pending.Push(following);
                }
            }
        }
        return seen;
    }
}
