using System.Data;
using Dapper;

namespace Kinerja.Core.Indicators;

/// <summary>The reads of the live model (<see cref="Live.LiveIndicators"/>).</summary>
public sealed partial class IndicatorQueries
{
    /// <summary>
    /// What the live model reads for one change, in one repeatable-read transaction (one snapshot of the
    /// data): the employee rows of <paramref name="filter"/> with their row of local today, and either
    /// every unit of the plan's regions (<paramref name="allUnits"/>: names, unit predicates, IKM sums) or
    /// the IKM sums of <paramref name="ikmUnits"/>. A change (a NIP filter) sends all its statements in
    /// one round trip: under load every round trip waits for a CPU, and the boards wait for this read.
    /// </summary>
    internal async Task<LiveFacts> LiveFactsAsync(PeriodPlan plan, EmployeeFilter filter, bool allUnits,
        IReadOnlyCollection<string> ikmUnits, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var facts = allUnits
            ? await LoadAsync(conn, tx, plan, filter, ct)
            : await ChangeAsync(conn, tx, plan, filter, ikmUnits, ct);
        await tx.CommitAsync(ct);
        return facts;
    }

    private static async Task<LiveFacts> LoadAsync(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction tx, PeriodPlan plan,
        EmployeeFilter filter, CancellationToken ct)
    {
        var rows = await FactsAsync(conn, tx, plan, filter, raw: false, ct);
        var today = await conn.QueryAsync<EmployeeToday>(new CommandDefinition(
            EmployeeFactsSql.Today, plan.Parameters(filter), tx, commandTimeout: 600, cancellationToken: ct));
        var units = await conn.QueryAsync<UnitFactsRow>(new CommandDefinition(UnitFactsSql.Query,
            UnitParameters(plan, filter with { Nips = null }), tx, cancellationToken: ct));
        return new LiveFacts(rows, today.ToDictionary(t => t.Nip, StringComparer.Ordinal), units.AsList());
    }

    private static async Task<LiveFacts> ChangeAsync(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction tx, PeriodPlan plan,
        EmployeeFilter filter, IReadOnlyCollection<string> ikmUnits, CancellationToken ct)
    {
        var employees = filter.Nips is not { Count: 0 };
        var sql = (employees
                ? string.Join(";\n", EmployeeFactsSql.For(plan.Period.Kind), EmployeeFactsSql.Ratings, EmployeeFactsSql.TksDays,
                    EmployeeFactsSql.Today) + ";\n"
                : "")
            + (ikmUnits.Count > 0 ? UnitFactsSql.Ikm : "");
        if (sql.Length == 0)
        {
            return new LiveFacts([], new Dictionary<string, EmployeeToday>(), []);
        }
        var parameters = new DynamicParameters(plan.Parameters(filter));
        parameters.Add("units", ikmUnits.ToArray());
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        List<EmployeeFactsRow> rows = [];
        var today = new Dictionary<string, EmployeeToday>(StringComparer.Ordinal);
        if (employees)
        {
            var list = (await grid.ReadAsync<EmployeeFactsRow>()).AsList();
            var ratings = await grid.ReadAsync<RatingRow>();
            var tks = await grid.ReadAsync<TksDay>();
            rows = Complete(list, ratings, tks, plan);
            foreach (var t in await grid.ReadAsync<EmployeeToday>())
            {
                today[t.Nip] = t;
            }
        }
        IReadOnlyList<UnitFactsRow> units = ikmUnits.Count > 0 ? (await grid.ReadAsync<UnitFactsRow>()).AsList() : [];
        return new LiveFacts(rows, today, units);
    }
}

/// <summary>An employee's row of local today: at least one activity, and the latest attendance status (or none).</summary>
internal sealed record EmployeeToday(string Nip, bool Filed, string? Status);

/// <summary>
/// One read of the live model: employee rows, their today rows by NIP, and unit rows (all fields on a
/// full read; only <see cref="UnitFactsRow.UnitId"/> and the IKM sums on an IKM refresh).
/// </summary>
internal sealed record LiveFacts(
    IReadOnlyList<EmployeeFactsRow> Rows,
    IReadOnlyDictionary<string, EmployeeToday> Today,
    IReadOnlyList<UnitFactsRow> Units);
