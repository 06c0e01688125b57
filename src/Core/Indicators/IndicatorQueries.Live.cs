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
    /// the IKM sums of <paramref name="ikmUnits"/>. An empty NIP filter reads no employees.
    /// </summary>
    internal async Task<LiveFacts> LiveFactsAsync(PeriodPlan plan, EmployeeFilter filter, bool allUnits,
        IReadOnlyCollection<string> ikmUnits, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        IReadOnlyList<EmployeeFactsRow> rows = [];
        var today = new Dictionary<string, EmployeeToday>(StringComparer.Ordinal);
        if (filter.Nips is not { Count: 0 })
        {
            rows = await FactsAsync(conn, tx, plan, filter, raw: false, ct);
            foreach (var t in await conn.QueryAsync<EmployeeToday>(new CommandDefinition(
                EmployeeFactsSql.Today, plan.Parameters(filter), tx, cancellationToken: ct)))
            {
                today[t.Nip] = t;
            }
        }
        IReadOnlyList<UnitFactsRow> units = [];
        if (allUnits)
        {
            units = (await conn.QueryAsync<UnitFactsRow>(new CommandDefinition(UnitFactsSql.Query,
                UnitParameters(plan, filter with { Nips = null }), tx, cancellationToken: ct))).AsList();
        }
        else if (ikmUnits.Count > 0)
        {
            units = (await conn.QueryAsync<UnitFactsRow>(new CommandDefinition(UnitFactsSql.Ikm,
                new { monthKeys = plan.MonthKeys, units = ikmUnits.ToArray() }, tx, cancellationToken: ct))).AsList();
        }
        await tx.CommitAsync(ct);
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
