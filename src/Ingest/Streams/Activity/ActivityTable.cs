using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>
/// The <c>activity</c> stream table as the writer fills it: the columns it writes and one binary COPY row per
/// accepted activity. The writer COPYs these rows straight into the table (no staging).
/// </summary>
internal static class ActivityTable
{
    public const string Name = "activity";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order (the rest have defaults).</summary>
    public const string Columns = "event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator";

    public const string Copy = $"copy {Name} ({Columns}) from stdin (format binary)";

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
