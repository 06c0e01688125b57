using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>
/// The <c>activity</c> stream table as the writer fills it: the columns it writes and one binary COPY row per
/// accepted activity. The writer COPYs these rows straight into the table (no staging, no merge); the day rollup
/// comes from in-memory sums (<see cref="ActivityDayRollup"/>), the checks are <see cref="ActivityCheck"/>, and
/// activity-only batches may overlap.
/// </summary>
internal sealed class ActivityTable : StreamTable<PreparedActivity>
{
    public const string TableName = "activity";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order (the rest have defaults).</summary>
    public const string Columns = "event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator";

    public const string CopySql = $"copy {TableName} ({Columns}) from stdin (format binary)";

    public static readonly ActivityTable Instance = new();

    private ActivityTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 'a';

    public override bool Partitioned => true;

    public override string Copy => CopySql;

    public override bool Overlaps => true;

    public override StreamCheck Check(StreamPart<PreparedActivity> part, WorkSet batch, ReferenceData refs) =>
        new ActivityCheck(part, batch);

    public override RollupCommand? Rollup(StreamPart<PreparedActivity> part, bool verify) =>
        new ActivityDayRollup(part.ToInsert, verify);

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedActivity activity)
    {
        var a = activity.Item;
        copy.StartRow();
        copy.Write(a.EventId, NpgsqlDbType.Uuid);
        copy.Write(activity.Employee.Nip, NpgsqlDbType.Char);
        copy.Write(a.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        copy.Write(activity.LocalDay, NpgsqlDbType.Date);
        copy.Write(a.Minutes, NpgsqlDbType.Integer);
        copy.WriteNullable(a.Volume, NpgsqlDbType.Numeric);
        copy.WriteNullable(a.Output);
        copy.Write(a.Description, NpgsqlDbType.Text);
        copy.WriteNullable(a.SkpIndicator);
    }
}
