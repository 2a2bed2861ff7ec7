using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>
/// Which namespaces of one compiled assembly use which: every type named in signatures, attributes,
/// locals and method bodies, with the types the compiler generated counted as their outer type's.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<(string From, string To), string> _evidence = [];

    private NamespaceGraph(string rootNamespace) => RootNamespace = rootNamespace;

    public string RootNamespace { get; }

    public IEnumerable<(string From, string To)> Edges => _evidence.Keys;

    /// <summary>One example of the use behind an edge, such as "A.Foo -> B.Bar", for the failure message.</summary>
    public string EvidenceFor(string from, string to) => _evidence[(from, to)];

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        var graph = new NamespaceGraph(rootNamespace);
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = Outermost(type);
            if (graph.Inside(from.Namespace))
            {
                foreach (var used in UsedTypes(type))
                {
                    graph.Add(from, used);
                }
            }
        }
        return graph;
    }

    private bool Inside(string ns) => ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal);

    private void Add(TypeReference from, TypeReference? used)
    {
        foreach (var definition in Definitions(used))
        {
            var to = Outermost(definition);
            if (Inside(to.Namespace) && to.Namespace != from.Namespace)
            {
                _evidence.TryAdd((from.Namespace, to.Namespace), $"{from.FullName} -> {to.FullName}");
            }
        }
    }

    // Only types defined in this assembly matter; array, by-ref and generic wrappers are unwrapped.
    private static IEnumerable<TypeDefinition> Definitions(TypeReference? reference)
    {
        switch (reference)
        {
            case null or GenericParameter:
                yield break;
            case TypeDefinition definition:
                yield return definition;
                yield break;
            case GenericInstanceType generic:
                foreach (var inner in generic.GenericArguments.Prepend(generic.ElementType).SelectMany(Definitions))
                {
                    yield return inner;
                }
                yield break;
            case TypeSpecification specification:
                foreach (var inner in Definitions(specification.ElementType))
                {
                    yield return inner;
                }
                yield break;
        }
    }

    internal static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    internal static IEnumerable<TypeReference?> UsedTypes(TypeDefinition type)
    {
        yield return type.BaseType;
        foreach (var used in type.Interfaces.Select(i => i.InterfaceType)
            .Concat(type.CustomAttributes.SelectMany(Attribute))
            .Concat(type.Fields.SelectMany(f => f.CustomAttributes.SelectMany(Attribute).Prepend(f.FieldType)))
            .Concat(type.Properties.SelectMany(p => p.CustomAttributes.SelectMany(Attribute).Prepend(p.PropertyType)))
            .Concat(type.Methods.SelectMany(Method)))
        {
            yield return used;
        }
    }

    private static IEnumerable<TypeReference?> Attribute(CustomAttribute attribute) =>
        attribute.ConstructorArguments.Select(a => a.Value as TypeReference).Prepend(attribute.AttributeType);

    private static IEnumerable<TypeReference?> Method(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var used in method.Parameters.Select(p => p.ParameterType)
            .Concat(method.CustomAttributes.SelectMany(Attribute))
            .Concat(method.Overrides.Select(o => o.DeclaringType)))
        {
            yield return used;
        }
        if (!method.HasBody)
        {
            yield break;
        }
        foreach (var variable in method.Body.Variables)
        {
            yield return variable.VariableType;
        }
        foreach (var used in method.Body.Instructions.SelectMany(Operand))
        {
            yield return used;
        }
    }

    private static IEnumerable<TypeReference?> Operand(Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case TypeReference type:
                yield return type;
                break;
            case FieldReference field:
                yield return field.DeclaringType;
                yield return field.FieldType;
                break;
            case MethodReference method:
                yield return method.DeclaringType;
                yield return method.ReturnType;
                foreach (var parameter in method.Parameters)
                {
                    yield return parameter.ParameterType;
                }
                if (method is GenericInstanceMethod generic)
                {
                    foreach (var argument in generic.GenericArguments)
                    {
                        yield return argument;
                    }
                }
                break;
        }
    }
}
