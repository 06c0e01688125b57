using System.Collections;

namespace Kinerja.Rules.Safety;

/// <summary>
/// The string operations whose result can be far longer than their inputs, guarded: the result length is
/// computed (or bounded) before anything is allocated and refused beyond <see cref="RuleLimits.MaxStringLength"/>.
/// <see cref="BudgetRewriter"/> routes rule calls here; semantics are the framework's.
/// </summary>
internal static class StringGuard
{
    public static int Count(int count)
    {
        EvaluationBudget.CheckLength(count);
        return count;
    }

    public static string Replace(string s, string oldValue, string? newValue)
    {
        Bound(s, oldValue, newValue);
        return s.Replace(oldValue, newValue);
    }

    public static string Replace(string s, string oldValue, string? newValue, StringComparison comparison)
    {
        Bound(s, oldValue, newValue);
        return s.Replace(oldValue, newValue, comparison);
    }

    private static void Bound(string s, string oldValue, string? newValue)
    {
        var grow = (newValue?.Length ?? 0) - (oldValue?.Length ?? 0);
        if (grow > 0 && oldValue is { Length: > 0 })
        {
            EvaluationBudget.CheckLength(s.Length + (long)(s.Length / oldValue.Length) * grow);
        }
    }

    public static string Insert(string s, int startIndex, string value)
    {
        EvaluationBudget.CheckLength((long)s.Length + (value?.Length ?? 0));
        return s.Insert(startIndex, value!);
    }

    public static string Concat2(string? a, string? b)
    {
        EvaluationBudget.CheckLength((long)(a?.Length ?? 0) + (b?.Length ?? 0));
        return string.Concat(a, b);
    }

    /// <summary><c>string.Concat</c> of fixed arguments (objects become their <c>ToString()</c>, null is empty).</summary>
    public static string Concat(object?[] parts) => JoinCore(null, parts);

    /// <summary><c>string.Concat</c> of a sequence.</summary>
    public static string ConcatMany(IEnumerable? parts) => JoinCore(null, parts ?? throw new ArgumentNullException("values"));

    /// <summary><c>string.Join</c> of fixed arguments or of a sequence.</summary>
    public static string Join(string? separator, IEnumerable? parts) =>
        JoinCore(separator ?? "", parts ?? throw new ArgumentNullException("values"));

    private static string JoinCore(string? separator, IEnumerable parts)
    {
        var items = new List<string>();
        long length = 0;
        foreach (var p in parts)
        {
            var text = p?.ToString() ?? "";
            length += text.Length + (items.Count > 0 ? separator?.Length ?? 0 : 0);
            EvaluationBudget.CheckLength(length);
            items.Add(text);
        }
        return separator is null ? string.Concat(items) : string.Join(separator, items);
    }

    /// <summary>A format string (<c>string.Format</c>, <c>ToString(format)</c>) may not ask for more characters than the limit (<c>D999999999</c>, <c>{0,999999999}</c>).</summary>
    public static string? Format(string? format)
    {
        if (format is null)
        {
            return null;
        }
        long largest = format.Length;
        long number = 0;
        foreach (var c in format)
        {
            number = char.IsAsciiDigit(c) ? Math.Min(number * 10 + (c - '0'), int.MaxValue) : 0;
            largest = Math.Max(largest, number);
        }
        EvaluationBudget.CheckLength(largest);
        return format;
    }

}
