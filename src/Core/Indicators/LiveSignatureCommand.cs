using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Core.Indicators;

/// <summary>
/// The live model's cheap read of a change as one prepared command, one round trip:
/// <see cref="LiveSignatureSql.ForNips"/> for the changed employees, then <see cref="UnitFactsSql.Ikm"/> for the changed
/// units. The caller prepares it (<see cref="NpgsqlCommand.PrepareAsync"/>): Npgsql keeps a prepared statement on its physical connection across pool
/// returns, and PostgreSQL reuses one generic plan of it (forced: see <see cref="Begin"/>; planning the signature
/// statement cost as much CPU as executing it). The parameters are typed, not inferred from the
/// values, so every change binds the same types and reuses the same prepared statement (an empty array included).
/// </summary>
internal static class LiveSignatureCommand
{
    /// <summary>
    /// The command's transaction around its statements: PostgreSQL would plan a prepared statement afresh for each of its
    /// first five executions and afterwards keep doing so whenever the generic plan's estimate (ten NIPs for an array
    /// parameter) looks dearer than the last custom plans' (a change of one or two employees): the cheap read would be
    /// planned every time again. Its generic plan looks each employee up by its keys, whatever the number of NIPs.
    /// </summary>
    private const string Begin = "begin;\nset local plan_cache_mode = force_generic_plan;\n";

    private const string Commit = ";\ncommit";

    private const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;
    private const NpgsqlDbType DateArray = NpgsqlDbType.Array | NpgsqlDbType.Date;

    /// <summary>
    /// The command for the active employees of <paramref name="nips"/> and the units <paramref name="units"/> of
    /// <paramref name="plan"/>'s regions (at least one of the two not empty); its results come in that order, each only
    /// when asked for.
    /// </summary>
    public static NpgsqlCommand Create(NpgsqlConnection conn, PeriodPlan plan, IReadOnlyCollection<string> nips,
        IReadOnlyCollection<string> units)
    {
        if (nips.Count == 0 && units.Count == 0)
        {
            throw new ArgumentException("The cheap read needs employees or units.", nameof(nips));
        }
        var sql = Begin + (nips.Count == 0 ? UnitFactsSql.Ikm
            : units.Count == 0 ? LiveSignatureSql.ForNips
            : LiveSignatureSql.ForNips + ";\n" + UnitFactsSql.Ikm) + Commit;
        var command = new NpgsqlCommand(sql, conn);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter("monthKeys", TextArray) { Value = plan.MonthKeys });
        if (nips.Count > 0)
        {
            p.Add(new NpgsqlParameter("nips", TextArray) { Value = nips.ToArray() });
            p.Add(new NpgsqlParameter("regionIds", TextArray) { Value = plan.Regions.Keys.ToArray() });
            p.Add(new NpgsqlParameter("ytdEnds", DateArray) { Value = plan.Regions.Values.Select(r => r.YtdEnd).ToArray() });
            p.Add(new NpgsqlParameter("todays", DateArray) { Value = plan.Regions.Values.Select(r => r.Today).ToArray() });
            p.Add(new NpgsqlParameter("start", NpgsqlDbType.Date) { Value = plan.Period.Start });
            p.Add(new NpgsqlParameter("yearStart", NpgsqlDbType.Date) { Value = new DateOnly(plan.Period.Start.Year, 1, 1) });
            p.Add(new NpgsqlParameter("periodKey", NpgsqlDbType.Text) { Value = plan.LevelPeriod.Key });
            p.Add(new NpgsqlParameter("prevKeys", TextArray) { Value = plan.PreviousKeys });
            p.Add(new NpgsqlParameter("skpYear", NpgsqlDbType.Integer) { Value = plan.LevelPeriod.Start.Year });
            p.Add(new NpgsqlParameter("skpKeys", TextArray) { Value = plan.SkpKeys });
        }
        if (units.Count > 0)
        {
            p.Add(new NpgsqlParameter("units", TextArray) { Value = units.ToArray() });
        }
        return command;
    }
}
