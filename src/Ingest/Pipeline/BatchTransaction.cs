using System.Diagnostics;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Activity;
using Kinerja.Ingest.Streams.Attendance;
using Kinerja.Ingest.Streams.Rating;
using Kinerja.Ingest.Streams.Review;
using Kinerja.Ingest.Telemetry;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// One batch written in one transaction, each step once: <see cref="BeginAsync"/> (lock) → <see cref="CheckAsync"/>
/// → <see cref="ClaimAsync"/> (resolve accepted / duplicate) → <see cref="CopyAsync"/> → <see cref="RollupAsync"/>
/// (rollups, registry claim, notify) → <see cref="CommitAsync"/>. The serial driver (<see cref="BatchWriter"/>) runs
/// the steps back to back; the overlapped one (<see cref="OverlappedBatch"/>) runs the first four while the previous
/// batch finishes on the other connection. Disposing an uncommitted transaction rolls it back. Item outcomes are set
/// on the submissions; the drivers complete them only after <see cref="CommitAsync"/> (ack after commit).
/// </summary>
/// <remarks>
/// Optimistic (the first try): stored day totals are read only for days whose batch sum alone nears the maximum, and
/// every event id is presumed new; the claim rides in the rollup round trip and a stored id fails the batch
/// (<see cref="EventStoredException"/>), as does a day the rollup finds over its maximum
/// (<see cref="DayLimitExceededException"/>); the driver then redoes the batch carefully (<c>optimistic</c> false),
/// which reads stored totals first and claims the ids before the COPY, so it writes only the accepted items and
/// reports the rest as duplicates.
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
    private List<(string Stream, Guid[] Ids)> _deferredClaims = [];

    private BatchTransaction(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<Submission> batch,
        ReferenceData refs, IngestMetrics metrics, bool optimistic, long started)
    {
        (_conn, _tx, _refs, _metrics, _optimistic, _started) = (conn, tx, refs, metrics, optimistic, started);
        _w = WorkSet.From(batch);
        Submissions = batch;
    }

    public IReadOnlyList<Submission> Submissions { get; }

    /// <summary>The optimistic checks did not read stored day totals (the rollup verifies them).</summary>
    public bool DayTotalsUnchecked => _w.DayTotalsUnchecked;

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
        await WriterChecks.RunAsync(_conn, _w, _refs, _optimistic, ct);
        Phase("check");
    }

    /// <summary>
    /// Resolves each item to insert as accepted or duplicate. Careful: claims the ids in the registry now and drops
    /// those stored before. Optimistic: presumes them all new; the claim runs with <see cref="RollupAsync"/>.
    /// </summary>
    public async Task ClaimAsync(CancellationToken ct)
    {
        var claims = _w.Claims();
        if (_optimistic)
        {
            _deferredClaims = claims;
            foreach (var (stream, _) in claims)
            {
                _w.Resolve(stream, []);
            }
            return;
        }
        if (claims.Count == 0)
        {
            return;
        }
        await using (var batch = new NpgsqlBatch(_conn))
        {
            foreach (var (stream, ids) in claims)
            {
                batch.BatchCommands.Add(EventRegistry.ClaimCommand(stream, ids));
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (var i = 0; i < claims.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(ct);
                }
                _w.Resolve(claims[i].Stream, await EventRegistry.ReadStoredAsync(reader, ct));
            }
        }
        Phase("registry");
    }

    /// <summary>Binary COPY of the accepted items: activities straight into their table, the rest into staging.</summary>
    public async Task CopyAsync(CancellationToken ct)
    {
        if (_w.ActivitiesToInsert.Count > 0)
        {
            await using var copy = await _conn.BeginBinaryImportAsync(ActivityTable.Copy, ct);
            foreach (var e in _w.ActivitiesToInsert)
            {
                ActivityTable.WriteRow(copy, e.Item);
            }
            await copy.CompleteAsync(ct);
        }
        if (_w.ReviewsToInsert.Count > 0)
        {
            await using var copy = await _conn.BeginBinaryImportAsync(StagingSql.CopyReview, ct);
            for (var i = 0; i < _w.ReviewsToInsert.Count; i++)
            {
                ReviewTable.WriteRow(copy, _w.ReviewsToInsert[i].Item, _w.ReviewDays[i]);
            }
            await copy.CompleteAsync(ct);
        }
        if (_w.AttendanceToInsert.Count > 0)
        {
            await using var copy = await _conn.BeginBinaryImportAsync(StagingSql.CopyAttendance, ct);
            var ord = 0;
            foreach (var e in _w.AttendanceToInsert)
            {
                AttendanceTable.WriteRow(copy, e.Item);
                copy.Write(ord++, NpgsqlTypes.NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync(ct);
        }
        if (_w.RatingsToInsert.Count > 0)
        {
            await using var copy = await _conn.BeginBinaryImportAsync(StagingSql.CopyRating, ct);
            foreach (var e in _w.RatingsToInsert)
            {
                RatingTable.WriteRow(copy, e.Item);
            }
            await copy.CompleteAsync(ct);
        }
        Phase("copy");
    }

    /// <summary>
    /// One round trip: the optimistic claim (a stored id fails the batch), the day rollup of the accepted activities
    /// (first: a review merge updates the day rows it creates), the merges of reviews, attendance and ratings with
    /// their rollups, and the change notification (sent at commit).
    /// </summary>
    public async Task RollupAsync(CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(_conn);
        foreach (var (stream, ids) in _deferredClaims)
        {
            batch.BatchCommands.Add(EventRegistry.ClaimCommand(stream, ids));
        }
        var days = DayRollup.Sum(_w.ActivitiesToInsert);
        if (days.Count > 0)
        {
            batch.BatchCommands.Add(DayRollup.Command(days));
        }
        AddIf(batch, _w.ReviewsToInsert.Count > 0, MergeSql.Review);
        AddIf(batch, _w.AttendanceToInsert.Count > 0, MergeSql.Attendance);
        AddIf(batch, _w.RatingsToInsert.Count > 0, MergeSql.Rating);
        if (ChangeNotifier.For(Touched()) is { IsEmpty: false } notice) batch.BatchCommands.Add(ChangeNotifier.Command(notice));
        if (batch.BatchCommands.Count > 0)
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // result sets in command order; commands without rows (the merges) have none
            var first = true;
            foreach (var _ in _deferredClaims)
            {
                await NextAsync(reader, ref first, ct);
                if ((await EventRegistry.ReadStoredAsync(reader, ct)).Count > 0)
                {
                    throw new EventStoredException();
                }
            }
            if (days.Count > 0)
            {
                await NextAsync(reader, ref first, ct);
                await DayRollup.VerifyAsync(reader, days, _w.DayTotalsUnchecked, ct);
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

    private static void AddIf(NpgsqlBatch batch, bool condition, string sql)
    {
        if (condition)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }
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
    private IEnumerable<(string? Nip, string Unit, string Region)> Touched()
    {
        foreach (var e in _w.ActivitiesToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == ItemStatus.Accepted)
            {
                yield return (e.Item.Employee.Nip, e.Item.Employee.Unit.Id, e.Item.Employee.Region.Id);
            }
        }
        foreach (var e in _w.AttendanceToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == ItemStatus.Accepted)
            {
                yield return (e.Item.Employee.Nip, e.Item.Employee.Unit.Id, e.Item.Employee.Region.Id);
            }
        }
        foreach (var e in _w.RatingsToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == ItemStatus.Accepted)
            {
                yield return (e.Item.Employee?.Nip, e.Item.Unit.Id, e.Item.Unit.Region.Id);
            }
        }
        for (var i = 0; i < _w.ReviewsToInsert.Count; i++)
        {
            var e = _w.ReviewsToInsert[i];
            if (e.Owner.StatusOf(e.Item.Index) == ItemStatus.Accepted
                && _refs.Employees.TryGetValue(_w.ReviewOwners[i], out var owner))
            {
                yield return (owner.Nip, owner.Unit.Id, owner.Region.Id);
            }
        }
    }
}
