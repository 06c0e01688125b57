using System.Data;
using System.Data.Common;
using Dapper;

namespace Kinerja.Core.Indicators;

/// <summary>The reads of the live model (<see cref="Live.LiveIndicators"/>).</summary>
public sealed partial class IndicatorQueries
{
    /// <summary>
    /// The cheap first read of a change, in one round trip of prepared statements (<see cref="LiveSignatureCommand"/>):
    /// <see cref="LiveSignatureSql.ForNips"/> for the active employees of <paramref name="nips"/> and the IKM sums of
    /// <paramref name="ikmUnits"/>.
    /// </summary>
    internal async Task<(IReadOnlyList<LiveSignatureRow> Employees, IReadOnlyList<UnitFactsRow> Units)> LiveSignaturesAsync(
        PeriodPlan plan, IReadOnlyCollection<string> nips, IReadOnlyCollection<string> ikmUnits, CancellationToken ct)
    {
        if (nips.Count == 0 && ikmUnits.Count == 0)
        {
            return ([], []);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var command = LiveSignatureCommand.Create(conn, plan, nips, ikmUnits);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        IReadOnlyList<LiveSignatureRow> rows = [];
        if (nips.Count > 0)
        {
            rows = await ReadAllAsync<LiveSignatureRow>(reader, ct);
            await reader.NextResultAsync(ct);
        }
        IReadOnlyList<UnitFactsRow> units = ikmUnits.Count > 0 ? await ReadAllAsync<UnitFactsRow>(reader, ct) : [];
        return (rows, units);
    }

    /// <summary>The rows of the reader's current result, mapped by Dapper as <c>QueryAsync</c> would.</summary>
    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, CancellationToken ct)
    {
        var parse = reader.GetRowParser<T>();
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(parse(reader));
        }
        return rows;
    }

    /// <summary>
    /// The full read of the live model, in one repeatable-read transaction (one snapshot of the data): the
    /// employee rows of <paramref name="filter"/> with their row of local today and their signatures, plus
    /// (<paramref name="allUnits"/>, a whole-region load) every unit of the plan's regions. A change's read
    /// (a NIP filter) sends its statements in one round trip: under load every round trip waits for a CPU.
    /// </summary>
    internal async Task<LiveFacts> LiveFactsAsync(PeriodPlan plan, EmployeeFilter filter, bool allUnits, CancellationToken ct)
    {
        if (filter.Nips is { Count: 0 })
        {
            return LiveFacts.Empty;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var parameters = plan.Parameters(filter);
        List<EmployeeFactsRow> rows;
        IEnumerable<EmployeeToday> today;
        IEnumerable<LiveSignatureRow> signatures;
        IReadOnlyList<UnitFactsRow> units = [];
        if (allUnits)
        {
            rows = await FactsAsync(conn, tx, plan, filter, raw: false, ct);
            today = await conn.QueryAsync<EmployeeToday>(new CommandDefinition(
                EmployeeFactsSql.Today, parameters, tx, commandTimeout: 600, cancellationToken: ct));
            signatures = await conn.QueryAsync<LiveSignatureRow>(new CommandDefinition(
                LiveSignatureSql.Query, parameters, tx, commandTimeout: 600, cancellationToken: ct));
            units = (await conn.QueryAsync<UnitFactsRow>(new CommandDefinition(UnitFactsSql.Query,
                UnitParameters(plan, filter with { Nips = null }), tx, cancellationToken: ct))).AsList();
        }
        else
        {
            var sql = string.Join(";\n", EmployeeFactsSql.For(plan.Period.Kind, filter.IsEveryone),
                EmployeeFactsSql.RatingsFor(filter.IsEveryone),
                EmployeeFactsSql.TksDays, EmployeeFactsSql.Today, LiveSignatureSql.Query);
            await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
            var list = (await grid.ReadAsync<EmployeeFactsRow>()).AsList();
            var ratings = await grid.ReadAsync<RatingRow>();
            var tks = await grid.ReadAsync<TksDay>();
            rows = Complete(list, ratings, tks, plan, officerMinRespondents);
            today = (await grid.ReadAsync<EmployeeToday>()).AsList();
            signatures = (await grid.ReadAsync<LiveSignatureRow>()).AsList();
        }
        await tx.CommitAsync(ct);
        return new LiveFacts(rows, today.ToDictionary(t => t.Nip, StringComparer.Ordinal),
            signatures.ToDictionary(s => s.Nip, s => s.Signature, StringComparer.Ordinal), units);
    }
}

/// <summary>An employee's row of local today: at least one activity, and the latest attendance status (or none).</summary>
internal sealed record EmployeeToday(string Nip, bool Filed, string? Status);

/// <summary>One full read of the live model: employee rows, their today rows and signatures by NIP, and (on a load) the unit rows.</summary>
internal sealed record LiveFacts(
    IReadOnlyList<EmployeeFactsRow> Rows,
    IReadOnlyDictionary<string, EmployeeToday> Today,
    IReadOnlyDictionary<string, LiveSignature> Signatures,
    IReadOnlyList<UnitFactsRow> Units)
{
    public static readonly LiveFacts Empty = new([], new Dictionary<string, EmployeeToday>(),
        new Dictionary<string, LiveSignature>(), []);
}
