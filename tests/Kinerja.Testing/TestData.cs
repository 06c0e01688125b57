using Dapper;
using Npgsql;

namespace Kinerja.Testing;

/// <summary>Reference rows for tests, written with plain SQL.</summary>
public static class TestData
{
    public static async Task SeedRegionAsync(NpgsqlDataSource db, string id, string tz = "Asia/Jakarta",
        int monthlyTarget = 6750, int dailyMax = 660)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into region (id, name, tz, monthly_target_minutes, daily_max_minutes)
            values (@id, @name, @tz, @monthlyTarget, @dailyMax) on conflict (id) do nothing
            """, new { id, name = "Kota " + id, tz, monthlyTarget, dailyMax });
    }

    public static async Task SeedUnitAsync(NpgsqlDataSource db, string id, string regionId)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into unit (id, region_id, name) values (@id, @regionId, @name) on conflict (id) do nothing
            """, new { id, regionId, name = "Dinas " + id });
    }

    public static async Task SeedEmployeeAsync(NpgsqlDataSource db, string nip, string unitId,
        string? supervisorNip = null, string status = "PNS", string name = "Pegawai Uji", decimal tppCeiling = 0)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into employee (nip, name, unit_id, position, status, supervisor_nip, tpp_ceiling)
            values (@nip, @name, @unitId, 'Pelaksana', @status, @supervisorNip, @tppCeiling)
            on conflict (nip) do nothing
            """, new { nip, name, unitId, status, supervisorNip, tppCeiling });
    }

    /// <summary>A region with one unit, a supervisor and <paramref name="staff"/> employees under them; returns the NIPs (supervisor first).</summary>
    public static async Task<IReadOnlyList<string>> SeedUnitWithStaffAsync(NpgsqlDataSource db, string regionId,
        string unitId, int staff, int nipOffset = 0, string tz = "Asia/Jakarta")
    {
        await SeedRegionAsync(db, regionId, tz);
        await SeedUnitAsync(db, unitId, regionId);
        var supervisor = TestNips.Make(nipOffset);
        await SeedEmployeeAsync(db, supervisor, unitId, name: "Kepala " + unitId);
        var nips = new List<string> { supervisor };
        for (var i = 1; i <= staff; i++)
        {
            var nip = TestNips.Make(nipOffset + i);
            await SeedEmployeeAsync(db, nip, unitId, supervisor);
            nips.Add(nip);
        }
        return nips;
    }
}
