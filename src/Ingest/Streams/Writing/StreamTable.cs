using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Writing;

/// <summary>
/// The write side of one stream, beside its definition in <c>Streams/&lt;Stream&gt;/</c>: its table, its code in
/// <c>event_registry</c>, how its accepted items are COPYed (straight into the table, or into a session staging table
/// merged by <see cref="Merge"/>), its rollups, and whether the table is partitioned by month. The writer
/// (<see cref="BatchTransaction"/>, <see cref="WorkSet"/>, <see cref="WriterChecks"/>) and the partition upkeep only
/// iterate over the registered streams' tables; none of them names a stream.
/// </summary>
internal abstract class StreamTable
{
    /// <summary>The stream table (in schema <c>public</c>).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The stream's one-letter code in <c>event_registry</c> (whose primary key is (event_id, stream)): unique among
    /// the registered streams, and never changed once events are stored.
    /// </summary>
    public abstract char RegistryCode { get; }

    /// <summary>
    /// The table is range-partitioned by month (<c>&lt;table&gt;_yYYYYmMM</c>, key a date or a <c>YYYY-MM</c> text):
    /// <c>stream_partitions_ensure</c> creates its months and retention drops them. Partitioned tables are created
    /// in registration order (a table whose foreign key points at another is registered after it).
    /// </summary>
    public virtual bool Partitioned => false;

    /// <summary>
    /// The binary COPY command of the accepted items: into the table itself, or into the staging table of
    /// <see cref="Staging"/>.
    /// </summary>
    public abstract string Copy { get; }

    /// <summary>
    /// DDL of the session staging table <see cref="Copy"/> fills (idempotent, <c>on commit delete rows</c>; run once
    /// per writer connection), or null when the COPY goes straight into the table.
    /// </summary>
    public virtual string? Staging => null;

    /// <summary>The binary COPY of <paramref name="columns"/> into <paramref name="target"/> (a table or a staging table).</summary>
    protected static string BinaryCopy(string target, string columns) => $"copy {target} ({columns}) from stdin (format binary)";

    /// <summary>
    /// A session staging table <paramref name="stage"/> shaped like <paramref name="columns"/> of <paramref name="table"/>,
    /// emptied at every commit (for <see cref="Staging"/>).
    /// </summary>
    protected static string StagingLike(string stage, string table, string columns) => $"""
        create temp table if not exists {stage} on commit delete rows as
            select {columns} from {table} with no data;
        """;

    /// <summary>
    /// The staging → table insert with the rollups of the inserted rows only: one command, without a result set, of
    /// the batch's rollup round trip (after every stream's <see cref="StreamTable{TPrepared}.Rollup"/>); null when none.
    /// </summary>
    public virtual string? Merge => null;

    /// <summary>
    /// Batches of nothing but this stream may COPY while the previous batch commits (<see cref="OverlappedBatch"/>):
    /// only for a stream whose checks and rollups do not depend on the previous batch being committed.
    /// </summary>
    public virtual bool Overlaps => false;

    /// <summary>
    /// Where the stream's writer checks run among the streams of a batch: a stream whose checks read another's
    /// choice (a review names an activity of the same batch) comes after it.
    /// </summary>
    public virtual int CheckOrder => 0;

    /// <summary>The stream's items of one writer batch.</summary>
    internal abstract StreamPart NewPart();
}

/// <summary>A stream's write side over its prepared item type.</summary>
internal abstract class StreamTable<TPrepared> : StreamTable where TPrepared : struct, IPreparedEvent<TPrepared>
{
    internal sealed override StreamPart NewPart() => new StreamPart<TPrepared>(this);

    /// <summary>
    /// The checks against stored events that choose the items to insert, for one batch. The default keeps the first
    /// item of each event id (a later one in the same batch is a duplicate).
    /// </summary>
    public virtual StreamCheck Check(StreamPart<TPrepared> part, WorkSet batch, ReferenceData refs) => new KeepFirstCheck(part);

    /// <summary>
    /// A rollup computed in memory from the accepted items (null when none): one command, with one result set, of the
    /// rollup round trip, before the merges.
    /// </summary>
    public virtual RollupCommand? Rollup(StreamPart<TPrepared> part, bool verify) => null;

    /// <summary>
    /// The <see cref="StreamTable.Merge"/> command of the batch's accepted <paramref name="rows"/> (at least one), null
    /// when the stream has no merge. The default runs the merge as it is; a stream whose merge joins partitioned tables
    /// binds the partition keys of its rows (<see cref="WithDays"/>), so PostgreSQL plans and locks only those
    /// partitions instead of every month kept.
    /// </summary>
    public virtual NpgsqlBatchCommand? MergeCommand(IReadOnlyList<Entry<TPrepared>> rows) =>
        Merge is { } sql ? new NpgsqlBatchCommand(sql) : null;

    /// <summary><paramref name="sql"/> with <c>$1</c> bound to the distinct <paramref name="days"/> (a <c>date[]</c>).</summary>
    protected static NpgsqlBatchCommand WithDays(string sql, IEnumerable<DateOnly> days)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>
        {
            TypedValue = [.. days.Distinct().Order()],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date,
        });
        return cmd;
    }

    private sealed class KeepFirstCheck(StreamPart<TPrepared> part) : StreamCheck
    {
        public override Task ChooseAsync(Npgsql.NpgsqlConnection conn, CancellationToken ct)
        {
            part.KeepFirst();
            return Task.CompletedTask;
        }
    }
}
