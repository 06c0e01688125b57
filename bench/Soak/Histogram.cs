namespace Kinerja.Bench.Soak;

/// <summary>
/// Latencies in 1 ms buckets up to 120 s, then 100 ms buckets up to 2 hours (an open-loop backlog can grow that
/// old), lock-free, so millions of push samples cost a fixed 1.5 MB. Percentiles are exact to the bucket.
/// </summary>
public sealed class Histogram
{
    private const int Fine = 120_000;
    private const int Coarse = 100;
    private const int Buckets = Fine + (7_200_000 - Fine) / Coarse + 1;
    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public void Add(double ms)
    {
        var bucket = ms <= 0 ? 0 : ms < Fine ? (int)ms : (int)Math.Min(Buckets - 1, Fine + (ms - Fine) / Coarse);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
        var micros = (long)(ms * 1000);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, micros, seen) != seen)
        {
        }
    }

    /// <summary>The upper edge (ms) of the bucket holding quantile <paramref name="q"/>, NaN when empty.</summary>
    public double Percentile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(i < Fine ? i + 1 : Fine + (i - Fine + 1) * (double)Coarse, MaxMs);
            }
        }
        return MaxMs;
    }
}
