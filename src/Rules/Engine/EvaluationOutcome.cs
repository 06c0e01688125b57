namespace Kinerja.Rules.Engine;

/// <summary>The result of evaluating one snapshot through a rule set.</summary>
public sealed partial class EvaluationOutcome
{
    private static readonly IReadOnlyList<FiredRule> NoFired = [];
    private static readonly IReadOnlyList<Trigger> NoTriggers = [];
    private static readonly IReadOnlyList<RuleError> NoErrors = [];

    // The engine's outcome keeps its value slots and the rule set's slot names; the name -> value view over them
    // (Values) is built on first use (issue 22: one object less per snapshot for callers that read the typed figures).
    private readonly object?[]? _slots;
    // Values, Fired and Triggers once built or set (one holder, made on first need: an outcome nobody reads stays small)
    private Views? _views;

    public EvaluationOutcome()
    {
    }

    public required string Subject { get; init; }
    public required bool IsUnit { get; init; }
    public required string Period { get; init; }
    public string? UnitId { get; init; }
    public string? RegionId { get; init; }
    /// <summary>Values the rules set (<c>Properties.sets</c>), by name; absent when no rule set them.</summary>
    public required IReadOnlyDictionary<string, object?> Values
    {
        // threads racing on the first read build equal views; one is kept
        get => _views?.Values ?? Publish(ref ViewsOf().Values, new ValueBag(_layout!.SlotNames, UnmarkedSlots()));
        init => ViewsOf().Values = value;
    }
    /// <summary>The top-level rules that succeeded, in chain order.</summary>
    public IReadOnlyList<FiredRule> Fired
    {
        get => _views?.Fired ?? (_layout is null ? NoFired : Publish(ref ViewsOf().Fired, BuildFired()));
        init => ViewsOf().Fired = value;
    }
    /// <summary>The triggers of the rules that succeeded, in chain order, with the inputs each read when explained.</summary>
    public IReadOnlyList<Trigger> Triggers
    {
        get => _views?.Triggers ?? (_layout is null ? NoTriggers : Publish(ref ViewsOf().Triggers, BuildTriggers()));
        init => ViewsOf().Triggers = value;
    }
    public IReadOnlyList<RuleError> Errors { get; init; } = NoErrors;

    public string? RatingHasilKerja => Get("ratingHasilKerja") as string;
    public string? RatingPerilaku => Get("ratingPerilaku") as string;
    public string? Predikat => Get("predikat") as string;
    /// <summary>Allowance estimate as a percentage of the ceiling (<c>tpp</c> workflow).</summary>
    public double? TppPercent =>
        TryGetNumber("tppPercent", out var mark, out var n) ? (mark.Kind == OutputNumber.Double ? n.Double : (double)n.Decimal)
        : Get("tppPercent") is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    /// <summary>Allowance estimate in rupiah (<c>tpp</c> workflow; needs a ceiling).</summary>
    public decimal? TppEstimate =>
        TryGetNumber("tppEstimate", out var mark, out var n) ? (mark.Kind == OutputNumber.Decimal ? n.Decimal : Convert.ToDecimal(n.Double, System.Globalization.CultureInfo.InvariantCulture))
        : Get("tppEstimate") is { } v ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Events of succeeded rules (e.g. <c>SANGAT_BAIK</c>, <c>TEGURAN_LISAN</c>).</summary>
    public IEnumerable<string> Events => Fired.Select(f => f.Event);

    private object? Get(string name) =>
        (_views?.Values is null && _slots is not null ? ValueBag.TryGet(_layout!.SlotNames, _slots, name, out var v) : Values.TryGetValue(name, out v)) ? Unmark(v) : null;

    private Views ViewsOf() => _views ?? Publish(ref _views, new Views());

    private static T Publish<T>(ref T? field, T built) where T : class =>
        Interlocked.CompareExchange(ref field, built, null) ?? built;

    private sealed class Views
    {
        public IReadOnlyDictionary<string, object?>? Values;
        public IReadOnlyList<FiredRule>? Fired;
        public IReadOnlyList<Trigger>? Triggers;
    }
}

/// <summary>
/// A read-only name → value view over one outcome's value slots (names shared by the rule set; the slots are the first
/// items of <c>values</c>, which may hold more after them).
/// </summary>
internal sealed class ValueBag(IReadOnlyDictionary<string, int> slots, object?[] values)
    : IReadOnlyDictionary<string, object?>
{
    /// <summary>Marks a slot no rule set (a rule may set a value to null).</summary>
    private static readonly object Absent = new();

    /// <summary>Marks every slot of <paramref name="values"/> as not set.</summary>
    public static void Clear(object?[] values) => Array.Fill(values, Absent);

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => this.Select(kv => kv.Key);
    public IEnumerable<object?> Values => this.Select(kv => kv.Value);
    public int Count => slots.Values.Count(i => !ReferenceEquals(values[i], Absent));
    public bool ContainsKey(string key) => slots.TryGetValue(key, out var i) && !ReferenceEquals(values[i], Absent);

    public bool TryGetValue(string key, out object? value) => TryGet(slots, values, key, out value);

    /// <summary>The value of <paramref name="key"/> in <paramref name="values"/>, when a rule set it.</summary>
    public static bool TryGet(IReadOnlyDictionary<string, int> slots, object?[] values, string key, out object? value)
    {
        if (slots.TryGetValue(key, out var i) && !ReferenceEquals(values[i], Absent))
        {
            value = values[i];
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var (name, i) in slots.OrderBy(s => s.Value))
        {
            if (!ReferenceEquals(values[i], Absent))
            {
                yield return new(name, values[i]);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
