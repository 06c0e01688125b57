using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>
/// Reference data most tests use: region <c>kota-uji</c> (WIB, daily max 660) with unit <c>dinas-uji</c>,
/// a supervisor and staff; and region <c>manokwari</c> (WIT) with unit <c>dinas-papua</c>.
/// </summary>
internal sealed record Org(string Supervisor, IReadOnlyList<string> Staff, string PapuaSupervisor,
    IReadOnlyList<string> PapuaStaff)
{
    public const string Region = "kota-uji";
    public const string Unit = "dinas-uji";
    public const string PapuaRegion = "manokwari";
    public const string PapuaUnit = "dinas-papua";

    public static async Task<Org> SeedAsync(NpgsqlDataSource db, int staff = 8)
    {
        var wib = await TestData.SeedUnitWithStaffAsync(db, Region, Unit, staff, nipOffset: 0, tz: "Asia/Jakarta");
        var wit = await TestData.SeedUnitWithStaffAsync(db, PapuaRegion, PapuaUnit, staff, nipOffset: 500, tz: "Asia/Jayapura");
        return new Org(wib[0], wib.Skip(1).ToArray(), wit[0], wit.Skip(1).ToArray());
    }
}

/// <summary>Distinct past days, so tests sharing a database never share an employee's day.</summary>
internal static class TestDays
{
    private static int _next;

    /// <summary>
    /// A day no other test of the run uses, every other day from 2023-01-01 (room for about 700 calls before today;
    /// starting at 2025 ran into the future once the suite passed ~350 calls, and a future event is rejected).
    /// </summary>
    public static DateOnly Next() => new DateOnly(2023, 1, 1).AddDays(Interlocked.Increment(ref _next) * 2);

    /// <summary>09:00 WIB of the day.</summary>
    public static DateTimeOffset MorningWib(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));
}
