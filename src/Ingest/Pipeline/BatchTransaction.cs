using System.Diagnostics;
using Kinerja.Core.Changes;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Telemetry;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// One batch written in one transaction, each step once: <see cref="BeginAsync"/> (lock) → <see cref="CheckAsync"/>
/// → <see cref="ClaimAsync"/> (resolve accepted / duplicate) → <see cref="CopyAsync"/> → <see cref="RollupAsync"/>
/// (rollups, registry claim, notify) → <see cref="CommitAsync"/>. The serial driver (<see cref="BatchWriter"/>) runs
/// the steps back to back; the overlapped one (<see cref="OverlappedBatch"/>) runs the first four while the previous
/// batch finishes on the other connection. Disposing an uncommitted transaction rolls it back. Item outcomes are set
/// on the submissions; the drivers complete them only after <see cref="CommitAsync"/> (ack after commit). Each step
/// iterates over the batch's streams (<see cref="WorkSet.Parts"/>); what a stream writes is its
/// <see cref="Streams.Writing.StreamTable"/>.
/// </summary>
/// <remarks>
/// Optimistic (the first try): stored totals are read only where a check needs them (activities: days whose batch
/// sum alone nears the maximum), and every event id is presumed new; the claim, a plain insert, rides in the rollup
/// round trip and a stored id fails the batch with a unique violation, as does a rollup that finds a total over its
/// maximum (<see cref="DayLimitExceededException"/>); the driver then redoes the batch carefully (<c>optimistic</c>
/// false), which reads stored totals first and claims the ids before the COPY, so it writes only the accepted items
/// and reports the rest as duplicates.
/// </remarks>
internal sealed class BatchTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly WorkSet _w;
    private readonly ReferenceData _refs;
    private readonly IngestMetrics _metrics;
    private readonly bool _optimistic;
    private readonly long _started;
    private long _phase;
    private readonly List<(string Phase, double Seconds)> _phases = new(6);
    private List<(StreamPart Part, Guid[] Ids)> _deferredClaims = [];

    private BatchTransaction(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<Submission> batch,
        ReferenceData refs, IngestMetrics metrics, bool optimistic, long started)
    {
        (_conn, _tx, _refs, _metrics, _optimistic, _started) = (conn, tx, refs, metrics, optimistic, started);
        _w = WorkSet.From(batch, optimistic);
        Submissions = batch;
    }

    public IReadOnlyList<Submission> Submissions { get; }

    /// <summary>The optimistic checks did not read stored totals (the rollups verify them).</summary>
    public bool TotalsUnchecked => _w.TotalsUnchecked;

    /// <summary>Opens the transaction and holds the partition lock shared.</summary>
    public static async Task<BatchTransaction> BeginAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, IngestMetrics metrics, bool optimistic, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tx = await conn.BeginTransactionAsync(ct);
        var b = new BatchTransaction(conn, tx, batch, refs, metrics, optimistic, started) { _phase = started };
        try
        {
            await using var hold = new NpgsqlCommand(PartitionSql.HoldShared, conn);
            // partition DDL (maintenance, retention) waits for this transaction instead of interleaving with it
            await hold.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await b.DisposeAsync();
            throw;
        }
        b.Phase("lock");
        return b;
    }

    /// <summary>The checks against stored events (<see cref="WriterChecks"/>): chooses the items to insert.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        await WriterChecks.RunAsync(_conn, _w, _refs, ct);
        Phase("check");
    }

    /// <summary>
    /// Resolves each item to insert as accepted or duplicate. Careful: claims the ids in the registry now and drops
    /// those stored before. Optimistic: presumes them all new; the claim runs with <see cref="RollupAsync"/>.
    /// </summary>
    public async Task ClaimAsync(CancellationToken ct)
    {
        var claims = new List<(StreamPart Part, Guid[] Ids)>(_w.Parts.Count);
        foreach (var part in _w.Parts)
        {
            if (part.ClaimIds() is { } ids)
            {
                claims.Add((part, ids));
            }
        }
        if (_optimistic)
        {
            _deferredClaims = claims;
            foreach (var (part, _) in claims)
            {
                _w.Accepted += part.Resolve([]);
            }
            return;
        }
        if (claims.Count == 0)
        {
            return;
        }
        await using (var batch = new NpgsqlBatch(_conn))
        {
            foreach (var (part, ids) in claims)
            {
                batch.BatchCommands.Add(EventRegistry.ClaimCommand(part.Table.RegistryCode, ids));
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (var i = 0; i < claims.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(ct);
                }
                _w.Accepted += claims[i].Part.Resolve(await EventRegistry.ReadStoredAsync(reader, ct));
            }
        }
        Phase("registry");
    }

    /// <summary>
    /// Runs the optimistic claim now, in its own round trip (phase <c>registry</c>), instead of in the rollup round
    /// trip. The overlapped driver calls it after the COPY when the previous batch still holds the rollup rows' locks
    /// (issue 22): this batch's rollup would wait for them anyway, so the registry's unique-index inserts leave the
    /// second halves, which queue behind each other, and run in time that was idle. Nothing to do when the claim ran.
    /// </summary>
    public async Task ClaimDeferredAsync(CancellationToken ct)
    {
        if (_deferredClaims.Count == 0)
        {
            return;
        }
        await using (var batch = new NpgsqlBatch(_conn))
        {
            foreach (var (part, ids) in _deferredClaims)
            {
                // a stored id fails this insert with a unique violation: a conflict, redone carefully
                batch.BatchCommands.Add(EventRegistry.ClaimAllNewCommand(part.Table.RegistryCode, ids));
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        _deferredClaims = [];
        Phase("registry");
    }

    /// <summary>Binary COPY of each stream's accepted items: into its table, or into its staging table.</summary>
    public async Task CopyAsync(CancellationToken ct)
    {
        foreach (var part in _w.Parts)
        {
            await part.CopyAsync(_conn, ct);
        }
        Phase("copy");
    }

    /// <summary>
    /// One round trip: the optimistic claim unless <see cref="ClaimDeferredAsync"/> ran it (a stored id fails the
    /// batch), the in-memory rollups of the streams (first:
    /// a merge may update rows they create, as a review does the day rows of its activities), the streams' merges
    /// with their rollups, and the change notification (sent at commit).
    /// </summary>
    public async Task RollupAsync(CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(_conn);
        foreach (var (part, ids) in _deferredClaims)
        {
            // a stored id fails this insert with a unique violation: a conflict, redone carefully
            batch.BatchCommands.Add(EventRegistry.ClaimAllNewCommand(part.Table.RegistryCode, ids));
        }
        var rollups = new List<RollupCommand>(2);
        foreach (var part in _w.Parts)
        {
            if (part.Rollup(_w.TotalsUnchecked) is { } rollup)
            {
                rollups.Add(rollup);
                batch.BatchCommands.Add(rollup.Command);
            }
        }
        foreach (var part in _w.Parts)
        {
            if (part.MergeCommand() is { } merge)
            {
                batch.BatchCommands.Add(merge);
            }
        }
        if (ChangeNotifier.For(Touched()) is { IsEmpty: false } notice) batch.BatchCommands.Add(ChangeNotifier.Command(notice));
        if (batch.BatchCommands.Count > 0)
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // result sets in command order; commands without rows (the merges) have none
            var first = true;
            foreach (var rollup in rollups)
            {
                await NextAsync(reader, ref first, ct);
                await rollup.ReadAsync(reader, ct);
            }
            // surface any error of the remaining commands here, not when the reader is disposed
            while (await reader.NextResultAsync(ct))
            {
            }
        }
        Phase("rollup");
    }

    /// <summary>Commits; returns the number of items newly stored.</summary>
    public async Task<int> CommitAsync(CancellationToken ct)
    {
        await _tx.CommitAsync(ct);
        Phase("commit");
        _metrics.Committed(_phases, _started, _w.Count);
        return _w.Accepted;
    }

    public ValueTask DisposeAsync() => _tx.DisposeAsync();

    /// <summary>Ends a phase; phases are recorded only when the transaction commits.</summary>
    private void Phase(string name)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add((name, Stopwatch.GetElapsedTime(_phase, now).TotalSeconds));
        _phase = now;
    }

    private static ValueTask NextAsync(NpgsqlDataReader reader, ref bool first, CancellationToken ct)
    {
        if (first)
        {
            first = false;
            return ValueTask.CompletedTask;
        }
        return new ValueTask(reader.NextResultAsync(ct));
    }

    /// <summary>(nip, unit, region) of every accepted item; unit ratings have no NIP.</summary>
    private List<EventTouch> Touched()
    {
        var touched = new List<EventTouch>();
        foreach (var part in _w.Parts)
        {
            part.AddTouched(touched, _refs);
        }
        return touched;
    }
}
