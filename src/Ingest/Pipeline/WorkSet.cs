using Kinerja.Ingest.Streams.Writing;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The items of one writer batch, one <see cref="StreamPart"/> per stream present, in the order the streams' checks
/// run (<see cref="StreamTable.CheckOrder"/>, then first arrival). Rebuilt for every attempt of the batch.
/// </summary>
internal sealed class WorkSet
{
    private readonly List<StreamPart> _parts = new(4);

    public IReadOnlyList<StreamPart> Parts => _parts;

    public int Accepted { get; set; }

    /// <summary>
    /// An optimistic check did not read stored totals (activities: day totals when no day's batch sum alone nears
    /// its maximum); the rollups must verify the totals they return. Starts as the try's optimism.
    /// </summary>
    public bool TotalsUnchecked { get; set; }

    /// <summary>All items of the batch, whatever their outcome.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var p in _parts)
            {
                n += p.Count;
            }
            return n;
        }
    }

    public static WorkSet From(IReadOnlyList<Submission> batch, bool optimistic = false)
    {
        var w = new WorkSet { TotalsUnchecked = optimistic };
        foreach (var s in batch)
        {
            w.PartOf(s.Table).Add(s);
        }
        // stable: streams of equal order keep their first arrival
        var ordered = w._parts.OrderBy(p => p.Table.CheckOrder).ToList();
        w._parts.Clear();
        w._parts.AddRange(ordered);
        return w;
    }

    /// <summary>The batch's part of the stream whose items are <typeparamref name="TPrepared"/>, or null when it has none.</summary>
    public StreamPart<TPrepared>? Part<TPrepared>() where TPrepared : struct, IPreparedEvent<TPrepared>
    {
        foreach (var p in _parts)
        {
            if (p is StreamPart<TPrepared> typed)
            {
                return typed;
            }
        }
        return null;
    }

    private StreamPart PartOf(StreamTable table)
    {
        foreach (var p in _parts)
        {
            if (ReferenceEquals(p.Table, table))
            {
                return p;
            }
        }
        var part = table.NewPart();
        _parts.Add(part);
        return part;
    }
}
