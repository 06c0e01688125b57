using CsCheck;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// Property: for random event streams — duplicates, reviews that flip approval and arrive out of
/// order, events around local midnight and month ends in WIB, WITA and WIT, concurrent submissions —
/// the incrementally kept rollups equal the ones rebuilt from the raw streams.
/// </summary>
public sealed class RollupPropertyTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset[] Bases =
    [
        new(2025, 1, 31, 16, 30, 0, TimeSpan.Zero),  // 23:30 WIB, 00:30 WITA / 01:30 WIT on Feb 1
        new(2025, 2, 28, 15, 30, 0, TimeSpan.Zero),  // month end around WIT midnight
        new(2025, 12, 31, 14, 45, 0, TimeSpan.Zero), // year end
    ];
    private static readonly string[] Periods = ["2025-01", "2025-02", "2025-12"];
    private readonly int[] _accepted = new int[4];
    private int _duplicates, _rejected;
    private long _approvedMinutes, _rejectedMinutes;
    private IngestHost _host = null!;
    private readonly List<(string Supervisor, string[] Staff, string Unit)> _units = [];

    public async Task InitializeAsync()
    {
        foreach (var (region, tz, offset) in new[] { ("r-wib", "Asia/Jakarta", 0), ("r-wita", "Asia/Makassar", 100), ("r-wit", "Asia/Jayapura", 200) })
        {
            var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, region, "u-" + region, 3, offset, tz);
            _units.Add((nips[0], nips.Skip(1).ToArray(), "u-" + region));
        }
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00.020",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RandomEventStreams_IncrementalRollupsEqualRebuilt()
    {
        var ops = Gen.Int[0, int.MaxValue].Array[8].Array[1, 60];
        await ops.SampleAsync(async sample =>
        {
            await Sql.ExecAsync(db.DataSource,
                "truncate activity_review, activity, attendance, rating, employee_day, rating_rollup");
            await RunAsync(sample);
            await RollupAssert.MatchesRebuildAsync(db.DataSource);
            Assert.Equal(0L, await Sql.ScalarAsync<long>(db.DataSource, """
                select count(*) from activity a
                join employee e on e.nip = a.nip join unit u on u.id = e.unit_id join region r on r.id = u.region_id
                where a.local_day <> (a.occurred_at at time zone r.tz)::date
                """));
            _approvedMinutes += await Sql.ScalarAsync<long>(db.DataSource, "select coalesce(sum(minutes_approved), 0) from employee_day");
            _rejectedMinutes += await Sql.ScalarAsync<long>(db.DataSource, "select coalesce(sum(minutes_rejected), 0) from employee_day");
        }, iter: 25, threads: 1, seed: null);
        // The streams must exercise every path, or the property proves little.
        Assert.All(_accepted, n => Assert.True(n > 0, string.Join(",", _accepted)));
        Assert.True(_duplicates > 0 && _rejected > 0 && _approvedMinutes > 0 && _rejectedMinutes > 0);
    }

    private async Task RunAsync(int[][] sample)
    {
        var activities = new List<(Guid Id, string Owner, string Supervisor)>();
        var used = new List<Guid>();
        var chunks = new List<(int Kind, List<object> Items)>();
        foreach (var v in sample)
        {
            var kind = (v[0] % 10) switch { < 5 => 0, < 7 => 1, < 9 => 2, _ => 3 };
            var unit = _units[v[1] % 3];
            var nip = unit.Staff[v[1] / 3 % 3];
            var at = Bases[v[2] % 3].AddMinutes(v[3] % 241 - 120).ToOffset(TimeSpan.FromHours(new[] { 0, 7, 8, 9 }[v[4] % 4]));
            var id = used.Count > 0 && v[5] % 8 == 0 ? used[v[6] % used.Count] : Guid.NewGuid();
            used.Add(id);
            object item = kind switch
            {
                0 => new ActivityItem { EventId = id, Nip = nip, OccurredAt = at, Minutes = 1 + v[7] % 300, Description = "kerja" },
                1 => Review(v, id, at, activities, unit),
                2 => new AttendanceItem
                {
                    EventId = id, Nip = nip, Day = DateOnly.FromDateTime(at.UtcDateTime).AddDays(v[5] % 2),
                    Status = AttendanceStatus.All[v[6] % 7], LateMinutes = v[7] % 3 == 0 ? v[7] % 90 : null,
                    // attendance detail (migration 0030): early leave, apel recorded or not, a leave type that fits the status
                    EarlyLeaveMinutes = v[7] % 5 == 0 ? v[7] % 120 : null,
                    Apel = (v[4] % 3) switch { 0 => null, 1 => false, _ => true },
                    LeaveType = LeaveType.AllowedFor(AttendanceStatus.All[v[6] % 7]) is { Count: > 0 } leave && v[4] % 4 != 0
                        ? leave[v[7] % leave.Count] : null,
                },
                _ => new RatingItem
                {
                    EventId = id, Nip = v[4] % 4 == 0 ? null : nip, UnitId = v[4] % 4 == 0 ? unit.Unit : null,
                    RaterRole = RaterRole.All[v[5] % 5], Aspect = Aspect.All[v[6] % 9], Score = 1 + v[7] % 5,
                    Period = Periods[v[2] % 3], OccurredAt = at,
                },
            };
            if (kind == 0)
            {
                activities.Add((id, nip, unit.Supervisor));
            }
            if (chunks.Count == 0 || chunks[^1].Kind != kind || chunks[^1].Items.Count > v[1] % 5)
            {
                chunks.Add((kind, []));
            }
            chunks[^1].Items.Add(item);
        }
        // Waves of 1-3 submissions run concurrently, so one writer batch mixes submissions.
        for (var i = 0; i < chunks.Count;)
        {
            var wave = 1 + sample[i % sample.Length][2] % 3;
            await Task.WhenAll(chunks.Skip(i).Take(wave).Select(Submit));
            i += wave;
        }
    }

    private static ReviewItem Review(int[] v, Guid id, DateTimeOffset at, List<(Guid Id, string Owner, string Supervisor)> activities,
        (string Supervisor, string[] Staff, string Unit) unit)
    {
        var target = activities.Count == 0 || v[6] % 10 == 0
            ? (Id: Guid.NewGuid(), Owner: unit.Staff[0], Supervisor: unit.Supervisor)
            : activities[v[5] % activities.Count];
        return new ReviewItem
        {
            EventId = id, ActivityEventId = target.Id, Approved = v[7] % 2 == 0,
            ReviewerNip = v[4] % 10 == 0 ? target.Owner : target.Supervisor, At = at.AddHours(v[7] % 48),
        };
    }

    private async Task Submit((int Kind, List<object> Items) chunk)
    {
        var result = await SubmitAsync(chunk);
        Interlocked.Add(ref _accepted[chunk.Kind], result.Accepted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _rejected, result.Rejected);
    }

    private Task<IngestResult> SubmitAsync((int Kind, List<object> Items) chunk) => chunk.Kind switch
    {
        0 => _host.Pipeline.SubmitActivitiesAsync(chunk.Items.Cast<ActivityItem>().ToArray()),
        1 => _host.Pipeline.SubmitReviewsAsync(chunk.Items.Cast<ReviewItem>().ToArray()),
        2 => _host.Pipeline.SubmitAttendanceAsync(chunk.Items.Cast<AttendanceItem>().ToArray()),
        _ => _host.Pipeline.SubmitRatingsAsync(chunk.Items.Cast<RatingItem>().ToArray()),
    };
}
