using System.Globalization;
using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Partitions;

/// <summary>
/// The writer's record of the months whose stream partitions exist. Before a batch, months it has not
/// seen are created on demand (a history import of an old month, or a month the maintenance service has
/// not reached), outside the batch transaction; afterwards a known month costs nothing. One per writer.
/// </summary>
internal sealed class KnownMonths
{
    private readonly HashSet<DateOnly> _known = [];

    /// <summary>Ensures the partitions of every month this batch writes to exist.</summary>
    public async Task EnsureAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        List<DateOnly>? missing = null;
        foreach (var e in w.Activities)
        {
            Add(ref missing, e.Item.LocalDay);
        }
        foreach (var e in w.Attendance)
        {
            Add(ref missing, e.Item.Item.Day);
        }
        foreach (var e in w.Ratings)
        {
            Add(ref missing, DateOnly.ParseExact(e.Item.Item.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        // reviews live in their activity's month: one in this batch (above) or a stored one (exists)
        if (missing is null)
        {
            return;
        }
        await using var cmd = new NpgsqlCommand(PartitionSql.Ensure, conn);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = missing.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        await cmd.ExecuteScalarAsync(ct);
        _known.UnionWith(missing);
    }

    /// <summary>Forgets every month (after an insert found no partition: retention dropped one meanwhile).</summary>
    public void Forget() => _known.Clear();

    private void Add(ref List<DateOnly>? missing, DateOnly day)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        if (_known.Contains(month))
        {
            return;
        }
        missing ??= [];
        if (!missing.Contains(month))
        {
            missing.Add(month);
        }
    }

    /// <summary>True for PostgreSQL's "no partition of relation … found for row".</summary>
    public static bool IsNoPartition(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg
        && pg.MessageText.StartsWith("no partition of relation", StringComparison.Ordinal);
}
