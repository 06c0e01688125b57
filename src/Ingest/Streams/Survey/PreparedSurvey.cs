using System.Globalization;
using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Survey;

/// <summary>A valid survey: its unit, the officer (when named) and its month <see cref="Period"/> (<c>YYYY-MM</c>, local to the unit's region).</summary>
internal readonly record struct PreparedSurvey(int Index, SurveyItem Item, UnitRef Unit, EmployeeRef? Officer, string Period)
    : IPreparedEvent<PreparedSurvey>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedSurvey item) => SurveyTable.WriteRow(copy, item);

    public static DateOnly? MonthOf(in PreparedSurvey item) =>
        DateOnly.ParseExact(item.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The unit (its IKM moves) and the officer when named (their masyarakat rating may move, migration 0027).</summary>
    public static bool Touches(in PreparedSurvey item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Officer?.Nip, item.Unit.Id, item.Unit.Region.Id);
        return true;
    }
}
