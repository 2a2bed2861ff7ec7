using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>
/// The rule in the README's contributing notes: no two folders of a project import each other, at
/// any depth (a folder's files may use its subfolders, never the other way round), and no two
/// top-level folders do either, read from the compiled assemblies.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class FolderDependencyTests
{
    public static TheoryData<string> Projects =>
    [
        "EventPipeline.Api",
        "EventPipeline.AppHost",
        "EventPipeline.Client",
        "EventPipeline.Contracts",
        "EventPipeline.Dashboard",
        "EventPipeline.LoadGen",
        "EventPipeline.LocalServers",
    ];

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoTwoNamespacesOfAProjectImportEachOther(string project)
    {
        var graph = Read(project);

        AssertNoCycle(graph, ns => ns);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoTwoTopLevelFoldersOfAProjectImportEachOther(string project)
    {
        var graph = Read(project);

        AssertNoCycle(graph, ns => ns[(graph.RootNamespace.Length + 1)..].Split('.')[0]);
    }

    [Fact]
    public void TheCheckFindsTwoFoldersThatImportEachOther()
    {
        var graph = NamespaceGraph.Read(typeof(CycleSample.Left.LeftType).Assembly.Location, typeof(CycleSample.Marker).Namespace!);

        var cycles = DependencyCycles.Find(graph.Edges);

        var cycle = Assert.Single(cycles);
        Assert.Equal([typeof(CycleSample.Left.LeftType).Namespace!, typeof(CycleSample.Right.RightType).Namespace!], cycle);
    }

    [Fact]
    public void TheCheckFindsAUseInsideAMethodBody()
    {
        var graph = NamespaceGraph.Read(typeof(CycleSample.Left.LeftType).Assembly.Location, typeof(CycleSample.Marker).Namespace!);

        Assert.Contains((typeof(CycleSample.Right.RightType).Namespace!, typeof(CycleSample.Left.LeftType).Namespace!), graph.Edges);
    }

    private static NamespaceGraph Read(string project) =>
        NamespaceGraph.Read(Path.Combine(AppContext.BaseDirectory, project + ".dll"), project);

    private static void AssertNoCycle(NamespaceGraph graph, Func<string, string> folderOf)
    {
        var cycles = DependencyCycles.Find(graph.Edges.Select(e => (folderOf(e.From), folderOf(e.To))));

        var explained = cycles.Select(cycle => string.Join(" <-> ", cycle) + ":\n  " + string.Join("\n  ", graph.Edges
            .Where(e => folderOf(e.From) != folderOf(e.To) && cycle.Contains(folderOf(e.From)) && cycle.Contains(folderOf(e.To)))
            .Select(e => graph.EvidenceFor(e.From, e.To))));
        Assert.True(cycles.Count == 0, "Folders that import each other:\n" + string.Join("\n", explained));
    }
}
