using System.Runtime.CompilerServices;

namespace Kinerja.Rules.Engine;

/// <summary>
/// The input values a rule read, as a read-only map (names shared by the rule). Up to <see cref="InlineCount"/> values
/// live in the object itself (issue 22: one object per trigger's inputs instead of two); more go to an array.
/// </summary>
internal sealed class TriggerInputs : IReadOnlyDictionary<string, object?>
{
    public const int InlineCount = 4;

    private readonly string[] _names;
    private InlineValues _inline;
    private readonly object?[]? _more;

    /// <summary>Room for one value per name of <paramref name="names"/>, filled with <see cref="Set"/> before it is shared.</summary>
    public TriggerInputs(string[] names)
    {
        _names = names;
        if (names.Length > InlineCount)
        {
            _more = new object?[names.Length];
        }
    }

    /// <summary>Sets the value of the <paramref name="index"/>th name (only while the evaluator builds the trigger).</summary>
    internal void Set(int index, object? value)
    {
        if (_more is not null)
        {
            _more[index] = value;
        }
        else
        {
            _inline[index] = value;
        }
    }

    private object? Get(int index) => _more is not null ? _more[index] : _inline[index];

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => _names;
    public IEnumerable<object?> Values => this.Select(kv => kv.Value);
    public int Count => _names.Length;
    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var i = Array.IndexOf(_names, key);
        value = i >= 0 ? Get(i) : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new(_names[i], Get(i));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    [InlineArray(InlineCount)]
    private struct InlineValues
    {
        private object? _first;
    }
}
