namespace Kinerja.Bench.Soak;

/// <summary>
/// When batches touching each region were acknowledged (UTC ticks, appended with the time taken under the lock, so
/// each list is sorted). A screen of a region keeps a cursor into its region's list: an <c>Indicators</c> message
/// whose <c>asOf</c> (when the server read the figures) is at or after an ack was read after that batch committed,
/// so it carries it; each such (batch, screen) pair is one push-latency sample, ack → message received.
/// </summary>
public sealed class AckLog(int regions)
{
    private readonly List<long>[] _acks = Enumerable.Range(0, regions).Select(_ => new List<long>()).ToArray();

    public void Acked(bool[] touched)
    {
        for (var r = 0; r < touched.Length; r++)
        {
            if (touched[r])
            {
                lock (_acks[r])
                {
                    _acks[r].Add(DateTime.UtcNow.Ticks);
                }
            }
        }
    }

    /// <summary>The cursor a new screen of the region starts from (acks before it are not its to measure).</summary>
    public int Position(int region)
    {
        lock (_acks[region])
        {
            return _acks[region].Count;
        }
    }

    /// <summary>Adds a sample per ack the message covers, moving the screen's cursor past them.</summary>
    public void Cover(int region, ref int cursor, long asOfTicks, long receivedTicks, Histogram minute, Histogram all)
    {
        var list = _acks[region];
        lock (list)
        {
            while (cursor < list.Count && list[cursor] <= asOfTicks)
            {
                var ms = (receivedTicks - list[cursor]) / (double)TimeSpan.TicksPerMillisecond;
                minute.Add(ms);
                all.Add(ms);
                cursor++;
            }
        }
    }
}
