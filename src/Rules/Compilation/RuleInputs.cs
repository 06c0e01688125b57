using Kinerja.Core.Indicators;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// What a workflow's expressions are compiled against: named, typed inputs, the first being the one rules
/// read for triggers (also reachable as <c>input1</c>, RulesEngine's name for an unnamed first input).
/// Production workflows take one snapshot (<see cref="Employee"/> or <see cref="Unit"/>). A compile for
/// tests (<see cref="ForTest"/>) may name other input types, which the sandbox then lets through like the
/// snapshots; nothing outside the assembly and its tests can build such a set.
/// </summary>
internal sealed class RuleInputs
{
    private RuleInputs(IReadOnlyList<(string Name, Type Type)> parameters, IReadOnlySet<Type>? extraTypes)
    {
        Parameters = parameters;
        ExtraTypes = extraTypes;
    }

    /// <summary>The inputs, in the order the evaluation delegate receives them (one object, or an object[] for several).</summary>
    public IReadOnlyList<(string Name, Type Type)> Parameters { get; }

    /// <summary>Types allowed besides the snapshots; null in production.</summary>
    public IReadOnlySet<Type>? ExtraTypes { get; }

    public Type PrimaryType => Parameters[0].Type;

    public static RuleInputs Employee { get; } = new([(RuleConventions.SnapshotParameter, typeof(IndicatorSnapshot))], null);

    public static RuleInputs Unit { get; } = new([(RuleConventions.UnitParameter, typeof(UnitSnapshot))], null);

    /// <summary>Inputs of the given names and types (RulesEngine style <c>input1</c>, <c>input2</c>, ...) for tests;
    /// <paramref name="types"/> are every type the inputs expose (nested classes, list elements).</summary>
    public static RuleInputs ForTest(IReadOnlyList<(string Name, Type Type)> inputs, IEnumerable<Type> types) =>
        new(inputs, types.Concat(inputs.Select(i => i.Type)).ToHashSet());
}
