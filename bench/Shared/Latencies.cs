namespace Kinerja.Bench.Shared;

/// <summary>Latency samples (milliseconds) collected from many client threads.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];

    public void Add(double ms)
    {
        lock (_samples)
        {
            _samples.Add(ms);
        }
    }

    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public (double P50, double P90, double P99, double Max) Percentiles()
    {
        double[] sorted;
        lock (_samples)
        {
            sorted = _samples.Order().ToArray();
        }
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.90), At(0.99), sorted[^1]);
    }
}
