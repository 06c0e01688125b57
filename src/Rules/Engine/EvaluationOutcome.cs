namespace Kinerja.Rules.Engine;

/// <summary>The result of evaluating one snapshot through a rule set.</summary>
public sealed class EvaluationOutcome
{
    private static readonly IReadOnlyList<FiredRule> NoFired = [];
    private static readonly IReadOnlyList<Trigger> NoTriggers = [];
    private static readonly IReadOnlyList<RuleError> NoErrors = [];

    // The engine's outcome keeps its value slots and the rule set's slot names; the name -> value view over them
    // (Values) is built on first use (issue 22: one object less per snapshot for callers that read the typed figures).
    private readonly IReadOnlyDictionary<string, int>? _slotNames;
    private readonly object?[]? _slots;
    private IReadOnlyDictionary<string, object?>? _values;

    public EvaluationOutcome()
    {
    }

    /// <summary>An outcome whose <see cref="Values"/> are the set slots of <paramref name="slots"/> (named by <paramref name="slotNames"/>).</summary>
    // Values has no value of its own here: it is built from the slots on first read
#pragma warning disable CS8618
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal EvaluationOutcome(IReadOnlyDictionary<string, int> slotNames, object?[] slots)
    {
        _slotNames = slotNames;
        _slots = slots;
        Subject = "";
        Period = "";
    }
#pragma warning restore CS8618

    public required string Subject { get; init; }
    public required bool IsUnit { get; init; }
    public required string Period { get; init; }
    public string? UnitId { get; init; }
    public string? RegionId { get; init; }
    /// <summary>Values the rules set (<c>Properties.sets</c>), by name; absent when no rule set them.</summary>
    public required IReadOnlyDictionary<string, object?> Values
    {
        // threads racing on the first read build equal views; either is kept
        get => _values ??= new ValueBag(_slotNames!, _slots!);
        init => _values = value;
    }
    public IReadOnlyList<FiredRule> Fired { get; init; } = NoFired;
    public IReadOnlyList<Trigger> Triggers { get; init; } = NoTriggers;
    public IReadOnlyList<RuleError> Errors { get; init; } = NoErrors;

    public string? RatingHasilKerja => Get("ratingHasilKerja") as string;
    public string? RatingPerilaku => Get("ratingPerilaku") as string;
    public string? Predikat => Get("predikat") as string;
    /// <summary>Allowance estimate as a percentage of the ceiling (<c>tpp</c> workflow).</summary>
    public double? TppPercent => Get("tppPercent") is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    /// <summary>Allowance estimate in rupiah (<c>tpp</c> workflow; needs a ceiling).</summary>
    public decimal? TppEstimate => Get("tppEstimate") is { } v ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Events of succeeded rules (e.g. <c>SANGAT_BAIK</c>, <c>TEGURAN_LISAN</c>).</summary>
    public IEnumerable<string> Events => Fired.Select(f => f.Event);

    private object? Get(string name) =>
        (_values is null && _slots is not null ? ValueBag.TryGet(_slotNames!, _slots, name, out var v) : Values.TryGetValue(name, out v)) ? v : null;
}

/// <summary>A read-only name → value view over one outcome's value slots (names shared by the rule set).</summary>
internal sealed class ValueBag(IReadOnlyDictionary<string, int> slots, object?[] values)
    : IReadOnlyDictionary<string, object?>
{
    /// <summary>Marks a slot no rule set (a rule may set a value to null).</summary>
    private static readonly object Absent = new();

    /// <summary>Value slots with nothing set yet.</summary>
    public static object?[] NewSlots(int count)
    {
        var values = new object?[count];
        Array.Fill(values, Absent);
        return values;
    }

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => this.Select(kv => kv.Key);
    public IEnumerable<object?> Values => this.Select(kv => kv.Value);
    public int Count => values.Count(v => !ReferenceEquals(v, Absent));
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
