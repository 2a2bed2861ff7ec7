using Mono.Cecil;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>
/// What the types of one namespace (and its subnamespaces) of a compiled assembly use, outside that
/// assembly included: every type named in signatures, attributes, locals and method bodies, and every
/// generic method they call.
/// </summary>
internal sealed class TypeUses
{
    private TypeUses(List<(string User, string Used)> types, List<(string User, string Method, string[] TypeArguments)> calls)
    {
        Types = types;
        GenericCalls = calls;
    }

    /// <summary>(user, used) by full name; generic types also as their definition and their arguments.</summary>
    public IReadOnlyList<(string User, string Used)> Types { get; }

    /// <summary>Calls of generic methods: (user, "Declaring.Type::Method", type arguments).</summary>
    public IReadOnlyList<(string User, string Method, string[] TypeArguments)> GenericCalls { get; }

    public static TypeUses Read(string assemblyPath, string namespacePrefix)
    {
        var types = new List<(string, string)>();
        var calls = new List<(string, string, string[])>();
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var user = NamespaceGraph.Outermost(type);
            if (user.Namespace != namespacePrefix && !user.Namespace.StartsWith(namespacePrefix + ".", StringComparison.Ordinal))
            {
                continue;
            }
            types.AddRange(NamespaceGraph.UsedTypes(type).SelectMany(Unwrap).Select(used => (user.FullName, used)));
            calls.AddRange(type.Methods.Where(m => m.HasBody)
                .SelectMany(m => m.Body.Instructions)
                .Select(i => i.Operand)
                .OfType<GenericInstanceMethod>()
                .Select(m => (user.FullName, $"{m.DeclaringType.GetElementType().FullName}::{m.Name}",
                    m.GenericArguments.Select(a => a.FullName).ToArray())));
        }
        return new TypeUses(types, calls);
    }

    private static IEnumerable<string> Unwrap(TypeReference? reference)
    {
        switch (reference)
        {
            case null or GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var inner in generic.GenericArguments.Prepend(generic.ElementType).SelectMany(Unwrap))
                {
                    yield return inner;
                }
                yield break;
            case TypeSpecification specification:
                foreach (var inner in Unwrap(specification.ElementType))
                {
                    yield return inner;
                }
                yield break;
            default:
                yield return reference.FullName;
                yield break;
        }
    }
}
