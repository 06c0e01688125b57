using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Partitions;

/// <summary>
/// The writer's record of the months whose stream partitions exist. Before a batch, months it has not
/// seen are created on demand (a history import of an old month, or a month the maintenance service has
/// not reached), outside the batch transaction; afterwards a known month costs nothing. One per writer.
/// </summary>
/// <param name="tables">The partitioned tables of the registered streams, in registration order.</param>
internal sealed class KnownMonths(string[] tables)
{
    private readonly HashSet<DateOnly> _known = [];

    /// <summary>Ensures the partitions of every month this batch writes to exist (each stream says its items' month).</summary>
    public async Task EnsureAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        if (tables.Length == 0)
        {
            return;
        }
        var months = new HashSet<DateOnly>();
        foreach (var part in w.Parts)
        {
            part.AddMonths(months);
        }
        months.ExceptWith(_known);
        if (months.Count == 0)
        {
            return;
        }
        var missing = months.ToArray();
        await using var cmd = new NpgsqlCommand(PartitionSql.Ensure, conn);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = missing, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await cmd.ExecuteScalarAsync(ct);
        _known.UnionWith(missing);
    }

    /// <summary>Forgets every month (after an insert found no partition: retention dropped one meanwhile).</summary>
    public void Forget() => _known.Clear();

    /// <summary>True for PostgreSQL's "no partition of relation … found for row".</summary>
    public static bool IsNoPartition(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg
        && pg.MessageText.StartsWith("no partition of relation", StringComparison.Ordinal);
}
