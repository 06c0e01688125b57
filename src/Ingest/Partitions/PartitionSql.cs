namespace Kinerja.Ingest.Partitions;

/// <summary>
/// Calls of the partition functions of migrations 0006 and 0014 (ensure as of 0032), with the partitioned tables of the registered streams. Both take the partition advisory lock
/// (<see cref="LockKey"/>) exclusively for their transaction when they make DDL; the writer holds it shared for each batch.
/// Ensure checks first and returns 0 without the lock when the month's partitions all exist.
/// </summary>
internal static class PartitionSql
{
    /// <summary>"KNJPART": the advisory lock key of partition DDL (same literal as in migration 0006).</summary>
    public const long LockKey = 21196704334303828;

    /// <summary>Held shared by each writer transaction, so partition DDL never interleaves with a write.</summary>
    public const string HoldShared = "select pg_advisory_xact_lock_shared(21196704334303828)";

    /// <summary>
    /// Creates the partitions of each month ($1) of each partitioned stream table ($2, in registration order) when
    /// missing (migrations 0014, 0032: no lock, and so no wait for the batches in flight, when none is missing); returns
    /// how many tables were made.
    /// </summary>
    public const string Ensure = """
        select coalesce(sum(stream_partitions_ensure(m, $2::text[])), 0)::int from unnest($1::date[]) as m
        """;

    /// <summary>
    /// Detaches and drops the partitions of the stream tables ($2) whose months end on or before the cutoff ($1);
    /// returns their names.
    /// </summary>
    public const string DropBefore = """
        select stream_partitions_drop_before($1, $2::text[])
        """;

    /// <summary>A long-running reader must not make DDL queue every writer and reader behind it for long.</summary>
    public const string LockTimeout = "set local lock_timeout = '5s'";
}
