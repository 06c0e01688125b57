using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The one claim of event ids in <c>event_registry</c> (migration 0006). The streams are partitioned by month and
/// their primary keys include the month, so the registry — unpartitioned, one narrow row per stored event — is what
/// makes an event id unique across months: the writer stores a row only in the transaction that claimed its id.
/// </summary>
internal static class EventRegistry
{
    /// <summary>
    /// Claims the ids of one stream; returns those stored before (not claimed now). An id claimed by a transaction
    /// still in flight waits for it, then counts as stored when that transaction committed.
    /// </summary>
    private const string Claim = """
        with claimed as (
            insert into event_registry (event_id, stream)
            select id, $2::"char" from unnest($1::uuid[]) as id
            on conflict do nothing
            returning event_id
        )
        select id from unnest($1::uuid[]) as id
        except
        select event_id from claimed
        """;

    /// <summary>
    /// The optimistic claim: a plain insert, no result. An id stored before fails it with a unique violation (after
    /// waiting for a transaction in flight that claimed it), which <see cref="WriteRetryPolicy"/> classifies as a
    /// conflict: the batch is redone carefully. Cheaper than <see cref="Claim"/> (no speculative insertion, no
    /// <c>returning</c>, no <c>except</c>) on the common path where every id is new.
    /// </summary>
    private const string ClaimAllNew = """
        insert into event_registry (event_id, stream)
        select id, $2::"char" from unnest($1::uuid[]) as id
        """;

    /// <summary>
    /// The optimistic claim of <paramref name="ids"/>, presumed all new, for the stream with registry code
    /// <paramref name="stream"/>: no rows; a stored id fails the transaction with a unique violation.
    /// </summary>
    public static NpgsqlBatchCommand ClaimAllNewCommand(char stream, Guid[] ids) => Command(ClaimAllNew, stream, ids);

    /// <summary>
    /// The claim of <paramref name="ids"/> for the stream with registry code <paramref name="stream"/>
    /// (<see cref="Streams.Writing.StreamTable.RegistryCode"/>); its rows are the ids stored before.
    /// </summary>
    public static NpgsqlBatchCommand ClaimCommand(char stream, Guid[] ids) => Command(Claim, stream, ids);

    private static NpgsqlBatchCommand Command(string sql, char stream, Guid[] ids)
    {
        InIndexOrder(ids);
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    /// <summary>
    /// Sorts <paramref name="ids"/> in place into the registry index's order (<see cref="Guid.CompareTo(Guid)"/>
    /// compares as PostgreSQL's <c>uuid</c> does: the 16 bytes of the text form in turn). Event ids are random, so
    /// in arrival order each insert descends to a different leaf of the ever-growing unique index; in index order
    /// consecutive inserts land on the same or the next leaf, still in the CPU cache (issue 22: a scratch A/B of 50
    /// claims of 20,000 ids into a registry of 1M rows, <c>bench/Ingest/issue22-ingest3-registry-order-ab.txt</c>).
    /// Concurrent claims of overlapping ids also take their index locks in the same order.
    /// </summary>
    public static void InIndexOrder(Guid[] ids) => Array.Sort(ids);

    /// <summary>Reads a claim's result: the ids stored before.</summary>
    public static async Task<HashSet<Guid>> ReadStoredAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var stored = new HashSet<Guid>();
        while (await reader.ReadAsync(ct))
        {
            stored.Add(reader.GetGuid(0));
        }
        return stored;
    }
}
