using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Issue 4 "incremental == recompute": random event streams (duplicates, reviews that flip approval,
/// events around local midnight and month ends, three time zones) and random SKP plans with realisations and
/// assessments (<see cref="RandomSkpPlans"/>) go through an incremental rollup writer and into
/// <see cref="LiveIndicators"/>; the snapshots from the rollups, a naive recompute from the raw events and the live
/// in-memory state must all agree, field by field.
/// </summary>
public class IncrementalEqualsRecomputeTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly (string Suffix, string Tz)[] Zones =
        [("wib", "Asia/Jakarta"), ("wita", "Asia/Makassar"), ("wit", "Asia/Jayapura")];

    private static readonly DateTimeOffset Now = new(2026, 3, 18, 3, 0, 0, TimeSpan.Zero); // 10:00 WIB

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    public async Task RandomStreams_RollupsRawAndLive_GiveIdenticalSnapshots(int seed)
    {
        var rng = new Random(seed);
        var time = new SettableTime(Now);
        var nips = new List<string>();
        var clocks = new Dictionary<string, RegionClock>();
        var regions = new List<string>();
        for (var z = 0; z < Zones.Length; z++)
        {
            var region = $"prop{seed}-{Zones[z].Suffix}";
            regions.Add(region);
            var staff = await TestData.SeedUnitWithStaffAsync(db.DataSource, region, region + "-u", 3,
                seed * 1000 + z * 10, Zones[z].Tz);
            foreach (var nip in staff)
            {
                nips.Add(nip);
                clocks[nip] = new RegionClock(Zones[z].Tz);
            }
            await RandomSkpPlans.SeedAsync(db.DataSource, rng, staff, region + "-u", Now);
            if (z != 1)
            {
                await Rollups.HolidayAsync(db.DataSource, region, "2026-01-01", "2026-02-17", "2026-03-19");
            }
        }
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        var ingest = new MiniIngest(db.DataSource, clocks);
        var activities = new List<Guid>();

        for (var batch = 0; batch < 12; batch++)
        {
            var touched = new HashSet<string>();
            for (var i = 0; i < 25; i++)
            {
                var nip = nips[rng.Next(nips.Count)];
                touched.Add(nip);
                await RandomEventAsync(rng, ingest, nip, activities, clocks[nip]);
            }
            await live.ApplyAsync(new EventsChanged { Nips = [.. touched] });
        }

        Period[] periods =
        [
            Period.Month(2025, 12), Period.Month(2026, 1), Period.Month(2026, 2), Period.Month(2026, 3),
            Period.Quarter(2026, 1), Period.Year(2026), Period.Day(new DateOnly(2026, 3, 1)), Period.Day(new DateOnly(2026, 2, 28)),
        ];
        foreach (var period in periods)
        {
            foreach (var region in regions)
            {
                var fromRollups = await queries.EmployeesAsync(period, EmployeeFilter.Region(region));
                var fromRaw = await queries.RecomputeFromRawAsync(period, EmployeeFilter.Region(region));
                Assert.Equal(fromRaw, fromRollups);
            }
        }
        foreach (var region in regions)
        {
            var full = await queries.EmployeesAsync(Period.Month(2026, 3), EmployeeFilter.Region(region));
            Assert.Equal(full, live.RegionEmployees(region).OrderBy(s => s.Nip, StringComparer.Ordinal));
            // the boards' in-memory region figures equal the database read too
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(await queries.RegionAsync(region)),
                System.Text.Json.JsonSerializer.Serialize(live.Region(region)!.Indicators));
        }
        Assert.True(activities.Count > 50);
    }

    private static async Task RandomEventAsync(Random rng, MiniIngest ingest, string nip, List<Guid> activities, RegionClock clock)
    {
        var roll = rng.Next(100);
        if (roll < 35 || activities.Count == 0)
        {
            var id = Guid.NewGuid();
            activities.Add(id);
            var at = RandomInstant(rng, clock);
            await ingest.ActivityAsync(id, nip, at, rng.Next(10, 240));
            if (rng.Next(5) == 0)
            {
                await ingest.ActivityAsync(id, nip, at, 999); // a duplicate delivery: must not count twice
            }
        }
        else if (roll < 60)
        {
            // reviews arrive in any order; the latest by review time decides, so approvals flip
            var target = activities[rng.Next(activities.Count)];
            await ingest.ReviewAsync(Guid.NewGuid(), target, rng.Next(3) > 0,
                Now.AddDays(-rng.Next(0, 60)).AddMilliseconds(-rng.Next(1, 86_400_000)));
        }
        else if (roll < 90)
        {
            var day = clock.LocalDay(RandomInstant(rng, clock));
            var statuses = AttendanceStatus.All;
            var status = rng.Next(3) == 0 ? AttendanceStatus.TanpaKeterangan : statuses[rng.Next(statuses.Count)];
            var run = status == AttendanceStatus.TanpaKeterangan && rng.Next(3) == 0 ? rng.Next(2, 8) : 1;
            for (var d = 0; d < run && day.AddDays(d) <= clock.LocalDay(Now); d++)
            {
                // attendance detail (migration 0030): every lateness band, early leave, apel recorded or not, leave types
                var allowed = LeaveType.AllowedFor(status);
                await ingest.AttendanceAsync(Guid.NewGuid(), nip, day.AddDays(d), status,
                    status == AttendanceStatus.Terlambat ? rng.Next(1, 120) : 0,
                    earlyLeave: rng.Next(4) == 0 ? rng.Next(1, 120) : 0,
                    apel: rng.Next(3) switch { 0 => null, 1 => false, _ => true },
                    leaveType: allowed.Count > 0 && rng.Next(4) > 0 ? allowed[rng.Next(allowed.Count)] : null);
            }
        }
        else
        {
            var month = Period.MonthOf(clock.LocalDay(RandomInstant(rng, clock)));
            await ingest.RatingAsync(Guid.NewGuid(), nip, RaterRole.All[rng.Next(RaterRole.All.Count)],
                Aspect.All[rng.Next(Aspect.All.Count - 1)], rng.Next(1, 6), month.Key, Now);
        }
    }

    /// <summary>Mostly within an hour of a local midnight, often at a month's end, never in the future.</summary>
    private static DateTimeOffset RandomInstant(Random rng, RegionClock clock)
    {
        DateOnly day = rng.Next(4) switch
        {
            0 => new DateOnly(2026, 1 + rng.Next(3), 1),                   // first of a month
            1 => new DateOnly(2026, 1 + rng.Next(3), 1).AddDays(-1),       // last of a month
            _ => new DateOnly(2025, 12, 28).AddDays(rng.Next(80)),
        };
        var midnight = clock.StartOfDay(day);
        var at = rng.Next(3) == 0 ? midnight.AddMinutes(rng.Next(0, 1440)) : midnight.AddMinutes(rng.Next(-60, 60));
        return at > Now ? Now.AddMinutes(-rng.Next(1, 600)) : at;
    }
}
