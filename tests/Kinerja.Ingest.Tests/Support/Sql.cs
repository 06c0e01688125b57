using Dapper;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

internal static class Sql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("null");
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource db, string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, args)).AsList();
    }

    public static async Task ExecAsync(NpgsqlDataSource db, string sql, object? args = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, args);
    }
}

internal static class SqlDays
{
    public static async Task<(int Count, int Pending, int Approved, int Rejected, string? Att, int Late)> ScalarOrDefaultAsync(
        this NpgsqlDataSource db, string nip, DateOnly day)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<(int, int, int, int, string?, int)>("""
            select activity_count, minutes_pending, minutes_approved, minutes_rejected, attendance_status, late_minutes
            from employee_day where nip = @nip and day = @day
            """, new { nip, day });
    }
}
