using System.Collections;

namespace Kinerja.Core.Survey;

/// <summary>
/// NRR per survey element (<c>u1</c> → …) with value equality: the live model decides whether a unit changed by
/// comparing <see cref="Indicators.UnitIndicators"/> records, and a plain dictionary compares by reference, so every
/// commit of a region with survey answers looked like a change and moved the region's version (a push to every screen).
/// </summary>
public sealed class ElementScores : IReadOnlyDictionary<string, decimal>, IEquatable<ElementScores>
{
    private readonly Dictionary<string, decimal> _scores;

    public ElementScores(IEnumerable<KeyValuePair<string, decimal>> scores) => _scores = new Dictionary<string, decimal>(scores);

    public decimal this[string key] => _scores[key];

    public IEnumerable<string> Keys => _scores.Keys;

    public IEnumerable<decimal> Values => _scores.Values;

    public int Count => _scores.Count;

    public bool ContainsKey(string key) => _scores.ContainsKey(key);

    public bool TryGetValue(string key, out decimal value) => _scores.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => _scores.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ElementScores? other) =>
        other is not null && other.Count == Count
        && _scores.All(kv => other._scores.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override bool Equals(object? obj) => obj is ElementScores other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _scores)
        {
            hash ^= HashCode.Combine(key, value);
        }
        return hash;
    }
}
