using Dapper;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinerja.Dashboard.Tests.Clock;

/// <summary>
/// The server on a shifted clock set in configuration only (<c>Kinerja:Clock:StartAt</c>: 10:00 WIB on Tuesday
/// 20 May 2025, far from any date the suite runs on), over one WIB region with a unit of four. One employee was
/// absent without leave (TKS) three days in April 2025: only the month close of the configured clock sees them.
/// </summary>
public sealed class ShiftedClockAppFactory : KinerjaAppFactory, IAsyncLifetime
{
    public const string RegionId = "kota-jam";
    public const string UnitId = "kota-jam-bkd";
    public static readonly DateTimeOffset StartAt = new(2025, 5, 20, 10, 0, 0, TimeSpan.FromHours(7));

    public IReadOnlyList<string> Nips { get; private set; } = [];

    /// <summary>What the server logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The employee with three TKS days in April 2025 (the month before the configured one).</summary>
    public string AprilAbsentee => Nips[2];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Clock:StartAt"] = "2025-05-20T10:00:00+07:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Nips = await TestData.SeedUnitWithStaffAsync(DataSource, RegionId, UnitId, 4, nipOffset: 7600);
        await using (var conn = await DataSource.OpenConnectionAsync())
        {
            foreach (var day in new[] { "2025-04-14", "2025-04-15", "2025-04-16" })
            {
                await conn.ExecuteAsync("""
                    insert into employee_day (nip, day, activity_count, minutes_pending, minutes_approved, minutes_rejected,
                                              attendance_status, late_minutes)
                    values (@nip, @day::date, 0, 0, 0, 0, 'tanpa_keterangan', 0)
                    """, new { nip = AprilAbsentee, day });
            }
        }
        _ = Server; // start the host after seeding: the month close runs when its rules evaluator starts
    }
}
