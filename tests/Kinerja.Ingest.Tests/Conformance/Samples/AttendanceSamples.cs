using System.Globalization;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class AttendanceSamples : StreamSamples
{
    public override string Stream => "attendance";

    public override string Table => "attendance";

    public override string ScopeField => "nip";

    public override Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false) =>
        Task.FromResult(Items.Attendance(outsideScope ? ctx.Org.PapuaStaff[6] : ctx.Org.Staff[6], TestDays.Next(), "terlambat", 5));

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("lateMinutes 0", i => i["lateMinutes"] = 0),
        new("lateMinutes 1440, a whole day", i => i["lateMinutes"] = 1440),
        new("lateMinutes 1441", i => i["lateMinutes"] = 1441, "lateMinutes", "lateMinutes must be between 0 and 1440; got 1441."),
        new("lateMinutes -1", i => i["lateMinutes"] = -1, "lateMinutes", "between 0 and 1440; got -1."),
        new("lateMinutes null means 0", i => i["lateMinutes"] = null),
        new("day last of a month", i => i["day"] = "2021-01-31"),
        new("day 29 February of a leap year", i => i["day"] = "2020-02-29"),
        new("day 29 February of a common year", i => i["day"] = "2025-02-29", "day", "day must be a local date YYYY-MM-DD; got '2025-02-29'."),
        new("day 31 April", i => i["day"] = "2025-04-31", "day", "got '2025-04-31'"),
        new("day with a time", i => i["day"] = "2025-03-02T00:00:00+07:00", "day", "YYYY-MM-DD"),
        new("day local today in the region", i => i["day"] = TodayIn("Asia/Jakarta")),
        new("day two days ahead", i => i["day"] = DateOnly.Parse(TodayIn("Asia/Jakarta"), CultureInfo.InvariantCulture).AddDays(2)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day", "is in the future for region kota-uji"),
        new("status of another case", i => i["status"] = "HADIR", "status", "status 'HADIR' is not one of"),
        new("status tanpa_keterangan", i => i["status"] = "tanpa_keterangan"),
    ];

    private static string TodayIn(string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
