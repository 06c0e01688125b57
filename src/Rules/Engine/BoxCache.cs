namespace Kinerja.Rules.Engine;

/// <summary>
/// Shared boxes for the small values a trigger's inputs mostly hold (day counts, periods, flags), so explaining a
/// trigger does not allocate a box per value read. Boxes are immutable; sharing one is not observable.
/// </summary>
internal static class BoxCache
{
    private const int MinInt = -16;
    private const int MaxInt = 1024;
    private static readonly object[] Ints = Enumerable.Range(MinInt, MaxInt - MinInt + 1).Select(i => (object)i).ToArray();
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary><paramref name="value"/>, or a shared box holding the same value.</summary>
    public static object? Share(object? value) => value switch
    {
        int i when i is >= MinInt and <= MaxInt => Ints[i - MinInt],
        bool b => b ? True : False,
        _ => value,
    };
}
