namespace Kinerja.Rules.Engine;

/// <summary>
/// Shared boxes for the small values trigger inputs hold (counts, minutes, flags): an outcome kept by a batch then
/// refers to one box per value instead of its own (issue 22: an outcome's inputs were 2-3 boxed ints of minutes per
/// snapshot). Boxes are immutable, so sharing one is invisible to readers. Ints from <see cref="MinInt"/> to
/// <see cref="MaxInt"/> (a month of activity minutes fits) are kept the first time they are seen: the array costs
/// 128 KiB once per process, each value's box 24 bytes once.
/// </summary>
internal static class BoxCache
{
    private const int MinInt = -16;
    private const int MaxInt = 16_384;
    private static readonly object?[] Ints = new object?[MaxInt - MinInt + 1];
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary><paramref name="value"/> boxed: the shared box when it is in the cached range (a new one only the first time).</summary>
    public static object Box(int value)
    {
        if (value is < MinInt or > MaxInt)
        {
            return value;
        }
        // threads racing on a first sighting each keep an equal box: either stays
        return Ints[value - MinInt] ??= value;
    }

    /// <summary><paramref name="value"/> boxed as <see cref="Box(int)"/> does; null when it has none.</summary>
    public static object? Box(int? value) => value is { } v ? Box(v) : null;

    /// <summary>One of the two shared flag boxes.</summary>
    public static object Box(bool value) => value ? True : False;

    /// <summary><paramref name="value"/> boxed as <see cref="Box(bool)"/> does; null when it has none.</summary>
    public static object? Box(bool? value) => value is { } v ? Box(v) : null;

    /// <summary><paramref name="value"/>, or a shared box holding the same value.</summary>
    public static object? Share(object? value) => value switch
    {
        int i when i is >= MinInt and <= MaxInt => Ints[i - MinInt] ??= value,
        bool b => b ? True : False,
        _ => value,
    };
}
