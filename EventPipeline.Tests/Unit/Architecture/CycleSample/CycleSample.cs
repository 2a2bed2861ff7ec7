// Two namespaces that import each other on purpose: the proof that FolderDependencyTests can fail.
namespace EventPipeline.Tests.Unit.Architecture.CycleSample
{
    internal static class Marker
    {
    }
}

namespace EventPipeline.Tests.Unit.Architecture.CycleSample.Left
{
    internal sealed class LeftType
    {
        public Right.RightType? Partner { get; init; }
    }
}

namespace EventPipeline.Tests.Unit.Architecture.CycleSample.Right
{
    internal sealed class RightType
    {
        // Used only inside a method body, so the check must read instructions, not just signatures.
        public static object Create() => new Left.LeftType();
    }
}
