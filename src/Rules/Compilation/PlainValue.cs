namespace Kinerja.Rules.Compilation;

/// <summary>Types whose values hold no reference to another object (so none to the snapshot a rule read).</summary>
internal static class PlainValue
{
    private static readonly HashSet<Type> Types =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
        typeof(TimeSpan), typeof(Guid),
    ];

    public static bool Is(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || Types.Contains(t);
    }
}
