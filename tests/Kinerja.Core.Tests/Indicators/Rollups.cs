using Dapper;
using Kinerja.Core.Calendar;
using Kinerja.Core.Indicators;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Writes rollup rows with plain SQL the way the ingest transaction would (the writer itself is
/// built elsewhere), and builds the objects under test.
/// </summary>
internal static class Rollups
{
    public static async Task DayAsync(NpgsqlDataSource db, string nip, string day, int approved = 0, int pending = 0,
        int rejected = 0, int? activities = null, string? attendance = null, int late = 0)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into employee_day (nip, day, activity_count, minutes_pending, minutes_approved, minutes_rejected,
                                      attendance_status, late_minutes)
            values (@nip, @day::date, @count, @pending, @approved, @rejected, @attendance, @late)
            on conflict (nip, day) do update set
                activity_count = excluded.activity_count, minutes_pending = excluded.minutes_pending,
                minutes_approved = excluded.minutes_approved, minutes_rejected = excluded.minutes_rejected,
                attendance_status = excluded.attendance_status, late_minutes = excluded.late_minutes
            """, new
        {
            nip, day, pending, approved, rejected, attendance, late,
            count = activities ?? (approved + pending + rejected > 0 ? 1 : 0),
        });
    }

    public static async Task TksAsync(NpgsqlDataSource db, string nip, params string[] days)
    {
        foreach (var day in days)
        {
            await DayAsync(db, nip, day, attendance: "tanpa_keterangan");
        }
    }

    public static async Task RatingAsync(NpgsqlDataSource db, string kind, string subject, string period, string role,
        string aspect, long sum, int count)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into rating_rollup (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count)
            values (@kind, @subject, @period, @role, @aspect, @sum, @count)
            """, new { kind, subject, period, role, aspect, sum, count });
    }

    public static async Task LevelAsync(NpgsqlDataSource db, string nip, string period, string predikat,
        string? hasilKerja = null, string? perilaku = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into employee_period_level (nip, period, rating_hasil_kerja, rating_perilaku, predikat)
            values (@nip, @period, @hasilKerja, @perilaku, @predikat)
            on conflict (nip, period) do update set predikat = excluded.predikat
            """, new { nip, period, predikat, hasilKerja, perilaku });
    }

    public static async Task HolidayAsync(NpgsqlDataSource db, string regionId, params string[] days)
    {
        await using var conn = await db.OpenConnectionAsync();
        foreach (var day in days)
        {
            await conn.ExecuteAsync("insert into holiday (region_id, day) values (@regionId, @day::date)", new { regionId, day });
        }
    }

    public static async Task ExecAsync(NpgsqlDataSource db, string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, args);
    }

    public static CalendarCache Calendars(NpgsqlDataSource db, TimeProvider time) =>
        new(db, time, NullLogger<CalendarCache>.Instance);

    public static IndicatorQueries Queries(NpgsqlDataSource db, TimeProvider time) => new(db, Calendars(db, time), time);
}
