using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>Binary COPY of the items chosen for insertion into the staging tables (typed writes, no per-row SQL).</summary>
internal static class StagingCopy
{
    public static async Task CopyAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        if (w.ActivitiesToInsert.Count > 0 && !w.ActivitiesWritten)
        {
            await using var copy = await conn.BeginBinaryImportAsync(StagingSql.CopyActivity, ct);
            WriteActivities(copy, w.ActivitiesToInsert, NpgsqlDbType.Text);
            await copy.CompleteAsync(ct);
        }
        if (w.ReviewsToInsert.Count > 0)
        {
            await using var copy = await conn.BeginBinaryImportAsync(StagingSql.CopyReview, ct);
            for (var i = 0; i < w.ReviewsToInsert.Count; i++)
            {
                var r = w.ReviewsToInsert[i].Item.Item;
                copy.StartRow();
                copy.Write(r.EventId, NpgsqlDbType.Uuid);
                copy.Write(r.ActivityEventId, NpgsqlDbType.Uuid);
                copy.Write(w.ReviewDays[i], NpgsqlDbType.Date);
                copy.Write(r.Approved, NpgsqlDbType.Boolean);
                copy.Write(r.ReviewerNip, NpgsqlDbType.Text);
                copy.Write(r.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync(ct);
        }
        if (w.AttendanceToInsert.Count > 0)
        {
            await using var copy = await conn.BeginBinaryImportAsync(StagingSql.CopyAttendance, ct);
            var ord = 0;
            foreach (var e in w.AttendanceToInsert)
            {
                var t = e.Item.Item;
                copy.StartRow();
                copy.Write(ord++, NpgsqlDbType.Integer);
                copy.Write(t.EventId, NpgsqlDbType.Uuid);
                copy.Write(t.Nip, NpgsqlDbType.Text);
                copy.Write(t.Day, NpgsqlDbType.Date);
                copy.Write(t.Status, NpgsqlDbType.Text);
                copy.Write(t.LateMinutes ?? 0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync(ct);
        }
        if (w.RatingsToInsert.Count > 0)
        {
            await using var copy = await conn.BeginBinaryImportAsync(StagingSql.CopyRating, ct);
            foreach (var e in w.RatingsToInsert)
            {
                var r = e.Item.Item;
                copy.StartRow();
                copy.Write(r.EventId, NpgsqlDbType.Uuid);
                WriteNullable(copy, e.Item.Employee?.Nip);
                WriteNullable(copy, e.Item.Employee is null ? e.Item.Unit.Id : null);
                copy.Write(r.RaterRole, NpgsqlDbType.Text);
                WriteNullable(copy, r.RaterRef);
                copy.Write(r.Aspect, NpgsqlDbType.Text);
                copy.Write((short)r.Score, NpgsqlDbType.Smallint);
                copy.Write(r.Period, NpgsqlDbType.Text);
                copy.Write(r.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync(ct);
        }
    }

    /// <summary>Activity rows in the column order of <see cref="StagingSql.CopyActivity"/> and <see cref="DirectActivities"/>.</summary>
    internal static void WriteActivities(NpgsqlBinaryImporter copy, List<Entry<PreparedActivity>> rows, NpgsqlDbType nipType)
    {
        foreach (var e in rows)
        {
            var a = e.Item.Item;
            copy.StartRow();
            copy.Write(a.EventId, NpgsqlDbType.Uuid);
            copy.Write(e.Item.Employee.Nip, nipType);
            copy.Write(a.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            copy.Write(e.Item.LocalDay, NpgsqlDbType.Date);
            copy.Write(a.Minutes, NpgsqlDbType.Integer);
            WriteNullable(copy, a.Volume, NpgsqlDbType.Numeric);
            WriteNullable(copy, a.Output);
            copy.Write(a.Description, NpgsqlDbType.Text);
            WriteNullable(copy, a.SkpIndicator);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, decimal? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value.Value, type);
        }
    }
}
