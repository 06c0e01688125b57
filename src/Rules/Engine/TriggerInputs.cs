namespace Kinerja.Rules.Engine;

/// <summary>The input values a rule read, as a read-only map over two arrays (names shared by the rule).</summary>
internal sealed class TriggerInputs(string[] names, object?[] values) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => names;
    public IEnumerable<object?> Values => values;
    public int Count => names.Length;
    public bool ContainsKey(string key) => Array.IndexOf(names, key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var i = Array.IndexOf(names, key);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new(names[i], values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
