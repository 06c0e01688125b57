using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Spectre.Console;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// The attendance contract's detail fields (issue 19; migration 0030): <c>earlyLeaveMinutes</c>, <c>apel</c> and
/// <c>leaveType</c> in JSON and CSV, stored on the raw row and the day rollup (the latest record of a (nip, day) wins),
/// counted in the month rollup, with specific errors for malformed, out-of-range and hostile values; old clients that
/// send none of them are unaffected.
/// </summary>
public sealed class AttendanceDetailTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-attendance-detail-").FullName;
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<JsonObject> PostAsync(params JsonObject[] items) =>
        await (await _host.Client.PostJsonAsync("attendance", items)).ResultAsync();

    private static JsonObject With(JsonObject item, params (string Name, JsonNode? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            item[name] = value;
        }
        return item;
    }

    private Task<List<(int Early, bool? Apel, string? Leave)>> RawAsync(string nip, DateOnly day) =>
        Sql.QueryAsync<(int, bool?, string?)>(db.DataSource,
            "select early_leave_minutes, apel, leave_type from attendance where nip = @nip and day = @day order by seq",
            new { nip, day });

    private async Task<(string Status, int Early, bool? Apel, string? Leave)> DayAsync(string nip, DateOnly day) =>
        (await Sql.QueryAsync<(string, int, bool?, string?)>(db.DataSource,
            "select attendance_status, early_leave_minutes, apel, leave_type from employee_day where nip = @nip and day = @day",
            new { nip, day })).Single();

    [Fact]
    public async Task Json_AllDetailFields_StoredOnRawAndDayRows_LatestRecordOfTheDayWins()
    {
        var (nip, day) = (_org.Staff[0], TestDays.Next());
        var first = With(Items.Attendance(nip, day, "cuti"), ("leaveType", "tahunan"), ("apel", false), ("earlyLeaveMinutes", 10));
        Assert.Equal("accepted", (await PostAsync(first)).StatusAt(0));
        Assert.Equal(("cuti", 10, (bool?)false, "tahunan"), await DayAsync(nip, day));

        var second = With(Items.Attendance(nip, day, "hadir"), ("apel", true), ("earlyLeaveMinutes", 45));
        Assert.Equal("accepted", (await PostAsync(second)).StatusAt(0));

        Assert.Equal([(10, false, "tahunan"), (45, true, null)], await RawAsync(nip, day));
        Assert.Equal(("hadir", 45, (bool?)true, (string?)null), await DayAsync(nip, day));
        var month = new DateOnly(day.Year, day.Month, 1);
        Assert.Equal((1, 45, 0, 0), (await Sql.QueryAsync<(int, int, int, int)>(db.DataSource, """
            select early_leave_days, early_leave_minutes, apel_missed_days, leave_tahunan
            from employee_month where nip = @nip and month = @month
            """, new { nip, month })).Single());
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task Json_OldClientWithoutDetail_StoredWithDefaults()
    {
        var (nip, day) = (_org.Staff[1], TestDays.Next());
        Assert.Equal("accepted", (await PostAsync(Items.Attendance(nip, day, "terlambat", 20))).StatusAt(0));
        Assert.Equal([(0, null, null)], await RawAsync(nip, day));
        Assert.Equal(("terlambat", 0, (bool?)null, (string?)null), await DayAsync(nip, day));
    }

    [Fact]
    public async Task Json_EveryLeaveTypeWithItsStatus_Accepted()
    {
        var day = TestDays.Next();
        (string Status, string Leave)[] pairs =
        [
            ("cuti", "tahunan"), ("cuti", "besar"), ("cuti", "sakit"), ("cuti", "melahirkan"), ("cuti", "alasan_penting"),
            ("cuti", "bersama"), ("cuti", "luar_tanggungan"), ("sakit", "sakit"), ("izin", "izin"),
        ];
        // staff 1-7 only (staff 0's month counters are asserted exactly elsewhere); one day, the latest record wins
        var items = pairs.Select((p, i) => With(Items.Attendance(_org.Staff[1 + i % 7], day, p.Status), ("leaveType", p.Leave))).ToArray();
        var result = await PostAsync(items);
        Assert.Equal(pairs.Length, result.Count("accepted"));
    }

    [Theory]
    [InlineData(-1, "earlyLeaveMinutes must be between 0 and 1440; got -1.")]
    [InlineData(1441, "earlyLeaveMinutes must be between 0 and 1440; got 1441.")]
    public async Task Json_EarlyLeaveMinutesOutOfRange_RejectsEarlyLeaveMinutes(int minutes, string message)
    {
        var item = With(Items.Attendance(_org.Staff[2], TestDays.Next()), ("earlyLeaveMinutes", minutes));
        Assert.Equal(("earlyLeaveMinutes", message), (await PostAsync(item)).ErrorAt(0));
    }

    [Fact]
    public async Task Json_EarlyLeaveMinutesBoundaries_Accepted()
    {
        var day = TestDays.Next();
        var result = await PostAsync(
            With(Items.Attendance(_org.Staff[2], day), ("earlyLeaveMinutes", 0)),
            With(Items.Attendance(_org.Staff[3], day), ("earlyLeaveMinutes", 1440)));
        Assert.Equal(2, result.Count("accepted"));
    }

    [Fact]
    public async Task Json_LeaveTypeOnStatusHadir_RejectsLeaveType()
    {
        var item = With(Items.Attendance(_org.Staff[2], TestDays.Next(), "hadir"), ("leaveType", "tahunan"));
        Assert.Equal(("leaveType", "leaveType is only for status cuti, sakit or izin; status hadir takes no leave type (got 'tahunan')."),
            (await PostAsync(item)).ErrorAt(0));
    }

    [Fact]
    public async Task Json_UnknownLeaveType_RejectsListingTheKnownOnes()
    {
        var item = With(Items.Attendance(_org.Staff[2], TestDays.Next(), "cuti"), ("leaveType", "liburan"));
        Assert.Equal(("leaveType", "leaveType 'liburan' is not a known leave type; expected one of tahunan, besar, sakit, " +
                                   "melahirkan, alasan_penting, bersama, luar_tanggungan, izin."), (await PostAsync(item)).ErrorAt(0));
    }

    [Theory]
    [InlineData("izin", "tahunan", "leaveType 'tahunan' does not fit status izin; expected one of izin.")]
    [InlineData("sakit", "melahirkan", "leaveType 'melahirkan' does not fit status sakit; expected one of sakit.")]
    [InlineData("cuti", "izin", "leaveType 'izin' does not fit status cuti; expected one of tahunan, besar, sakit, melahirkan, alasan_penting, bersama, luar_tanggungan.")]
    public async Task Json_LeaveTypeNotFittingStatus_RejectsLeaveType(string status, string leave, string message)
    {
        var item = With(Items.Attendance(_org.Staff[2], TestDays.Next(), status), ("leaveType", leave));
        Assert.Equal(("leaveType", message), (await PostAsync(item)).ErrorAt(0));
    }

    [Fact]
    public async Task Json_HostileValues_RejectedPerFieldNothingStored()
    {
        var (nip, day) = (_org.Staff[4], TestDays.Next());
        var huge = new string('x', 5_000) + "\0";
        var result = await PostAsync(
            With(Items.Attendance(nip, day, "cuti"), ("leaveType", huge)),
            With(Items.Attendance(nip, day), ("apel", "ya")),
            With(Items.Attendance(nip, day), ("earlyLeaveMinutes", "30")),
            With(Items.Attendance(nip, day), ("earlyLeaveMinutes", 1e12)),
            With(Items.Attendance(nip, day), ("apel", 1)));
        var (field, message) = result.ErrorAt(0);
        Assert.Equal("leaveType", field);
        Assert.True(message.Length < 300, "the error must not echo the whole value");
        Assert.Equal("apel", result.ErrorAt(1).Field);
        Assert.Equal("earlyLeaveMinutes", result.ErrorAt(2).Field);
        Assert.Equal("earlyLeaveMinutes", result.ErrorAt(3).Field);
        Assert.Equal("apel", result.ErrorAt(4).Field);
        Assert.Empty(await RawAsync(nip, day));
    }

    [Fact]
    public async Task Json_ApelNull_MeansNotRecorded()
    {
        var (nip, day) = (_org.Staff[5], TestDays.Next());
        Assert.Equal("accepted", (await PostAsync(With(Items.Attendance(nip, day), ("apel", null)))).StatusAt(0));
        Assert.Equal([(0, null, null)], await RawAsync(nip, day));
    }

    [Fact]
    public async Task ImportCsv_DetailColumns_StoresGoodRowsAndRejectsBadOnesWithReasons()
    {
        var day = TestDays.Next();
        var (a, b, c) = (_org.Staff[6], _org.Staff[7], _org.Staff[0]);
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("eventId,nip,day,status,lateMinutes,earlyLeaveMinutes,apel,leaveType\n");
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{a},{d},terlambat,35,15,false,\n");        // line 2
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{b},{d},cuti,,,,melahirkan\n");            // line 3
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{c},{d},hadir,,-5,true,\n");               // line 4
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{c},{d},hadir,,,maybe,\n");                // line 5
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{c},{d},hadir,,,,tahunan\n");              // line 6
        var file = Path.Combine(_dir, "attendance.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        Assert.Equal(1, await IngestCli.RunAsync(["import", "attendance", file], _host.Services, console));

        Assert.Equal([(15, false, null)], await RawAsync(a, day));
        Assert.Equal([(0, null, "melahirkan")], await RawAsync(b, day));
        Assert.Empty(await RawAsync(c, day));
        var rejected = await File.ReadAllLinesAsync(file + ".rejected.csv");
        Assert.Contains(rejected, l => l.StartsWith("4,", StringComparison.Ordinal) && l.Contains("earlyLeaveMinutes must be between 0 and 1440; got -5."));
        Assert.Contains(rejected, l => l.StartsWith("5,", StringComparison.Ordinal) && l.Contains(",apel,"));
        Assert.Contains(rejected, l => l.StartsWith("6,", StringComparison.Ordinal) && l.Contains("status hadir takes no leave type"));
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }
}
