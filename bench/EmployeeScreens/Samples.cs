using System.Globalization;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>Latency samples in milliseconds from many threads, with the percentiles this bench reports.</summary>
public sealed class Samples
{
    private readonly List<double> _ms = [];

    public void Add(double ms)
    {
        lock (_ms)
        {
            _ms.Add(ms);
        }
    }

    public int Count
    {
        get
        {
            lock (_ms)
            {
                return _ms.Count;
            }
        }
    }

    /// <summary>The <paramref name="q"/> quantile (0-1) in ms, NaN without samples.</summary>
    public double Quantile(double q)
    {
        double[] sorted;
        lock (_ms)
        {
            sorted = _ms.Order().ToArray();
        }
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
    }

    /// <summary>A markdown table row: name, count, p50, p95, p99, max.</summary>
    public string Row(string name)
    {
        double[] sorted;
        lock (_ms)
        {
            sorted = _ms.Order().ToArray();
        }
        if (sorted.Length == 0)
        {
            return $"| {name} | 0 | — | — | — | — |";
        }
        double At(double q) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sorted.Length} | {At(0.50):0.0} | {At(0.95):0.0} | {At(0.99):0.0} | {sorted[^1]:0.0} |");
    }

    public const string Header = "| what | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|";
}
