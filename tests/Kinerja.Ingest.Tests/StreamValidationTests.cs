using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>Rejections of attendance, ratings and reviews.</summary>
public sealed class StreamValidationTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> PostAsync(string stream, params JsonObject[] items) =>
        await (await _host.Client.PostJsonAsync(stream, items)).ResultAsync();

    [Fact]
    public async Task Attendance_UnknownStatus_RejectsStatusListingAllowedValues()
    {
        var result = await PostAsync("attendance", Items.Attendance(_org.Staff[0], TestDays.Next(), "bolos"));
        Assert.Equal(("status", "status 'bolos' is not one of: hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan."),
            result.ErrorAt(0));
    }

    [Fact]
    public async Task Attendance_DayInTheFutureOfTheRegion_RejectsDay()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var (field, message) = (await PostAsync("attendance", Items.Attendance(_org.Staff[0], tomorrow))).ErrorAt(0);
        Assert.Equal("day", field);
        Assert.Contains("is in the future for region kota-uji", message);
    }

    [Fact]
    public async Task Attendance_DayNotADate_RejectsDay()
    {
        var item = Items.Attendance(_org.Staff[0], TestDays.Next());
        item["day"] = "2025-02-30";
        Assert.Equal(("day", "day must be a local date YYYY-MM-DD; got '2025-02-30'."), (await PostAsync("attendance", item)).ErrorAt(0));
    }

    [Fact]
    public async Task Attendance_NegativeLateMinutes_RejectsLateMinutes()
    {
        var result = await PostAsync("attendance", Items.Attendance(_org.Staff[0], TestDays.Next(), "terlambat", -3));
        Assert.Equal("lateMinutes", result.ErrorAt(0).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Rating_ScoreOutsideOneToFive_RejectsScore(int score)
    {
        var result = await PostAsync("ratings", Items.Rating(_org.Staff[0], null, score));
        Assert.Equal(("score", $"score must be a whole number from 1 to 5; got {score}."), result.ErrorAt(0));
    }

    [Fact]
    public async Task Rating_MonthAfterTheRegionsLocalMonth_RejectsPeriodPerItem()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        var current = local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var future = local.AddMonths(2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var result = await PostAsync("ratings", Items.Rating(_org.Staff[0], null, period: future),
            Items.Rating(_org.Staff[1], null, period: current));

        Assert.Equal(("period", $"period {future} is in the future for region kota-uji (the local month is {current})."),
            result.ErrorAt(0));
        Assert.Equal(1, result.Count("accepted"));
    }

    [Fact]
    public async Task Rating_UnknownAspectAndRole_RejectsBoth()
    {
        var result = await PostAsync("ratings", Items.Rating(_org.Staff[0], null, role: "bos", aspect: "ramah"));
        Assert.Contains("'bos' is not one of: atasan, rekan, bawahan, masyarakat, diri", result.ErrorAt(0, "raterRole").Message);
        Assert.Contains("'ramah' is not one of: hasil_kerja, berorientasi_pelayanan", result.ErrorAt(0, "aspect").Message);
    }

    [Fact]
    public async Task Rating_BothNipAndUnit_RejectsUnitId()
    {
        var result = await PostAsync("ratings", Items.Rating(_org.Staff[0], Org.Unit));
        Assert.Equal(("unitId", "Give either nip (an employee rating) or unitId (a unit rating), not both."), result.ErrorAt(0));
    }

    [Fact]
    public async Task Rating_NeitherNipNorUnit_RejectsNip()
    {
        var result = await PostAsync("ratings", Items.Rating(null, null));
        Assert.Equal("nip", result.ErrorAt(0).Field);
    }

    [Fact]
    public async Task Rating_UnknownUnit_RejectsUnitId()
    {
        var result = await PostAsync("ratings", Items.Rating(null, "dinas-hilang", role: "masyarakat", aspect: "kepuasan_layanan"));
        Assert.Equal(("unitId", "No unit with id 'dinas-hilang' is registered."), result.ErrorAt(0));
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-6")]
    [InlineData("Juni 2025")]
    public async Task Rating_PeriodNotAMonth_RejectsPeriod(string period)
    {
        var result = await PostAsync("ratings", Items.Rating(_org.Staff[0], null, period: period));
        Assert.Equal("period", result.ErrorAt(0).Field);
    }

    [Fact]
    public async Task Rating_UnitRatingOfCitizen_Accepted()
    {
        var result = await PostAsync("ratings", Items.Rating(null, Org.Unit, 3, "masyarakat", "kepuasan_layanan"));
        Assert.Equal("accepted", result.StatusAt(0));
    }

    [Fact]
    public async Task Review_UnknownActivity_RejectsActivityEventId()
    {
        var missing = Guid.NewGuid();
        var result = await PostAsync("reviews", Items.Review(missing, _org.Supervisor, true, DateTimeOffset.UtcNow));
        Assert.Equal(("activityEventId", $"No activity with eventId {missing} is stored or accepted in this batch."),
            result.ErrorAt(0));
    }

    [Fact]
    public async Task Review_ByWhoIsNotTheSupervisor_RejectsReviewerNip()
    {
        var activity = Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()), 30);
        Assert.Equal("accepted", (await PostAsync("activities", activity)).StatusAt(0));

        var byPeer = await PostAsync("reviews", Items.Review(Items.IdOf(activity), _org.Staff[1], true, DateTimeOffset.UtcNow));
        var (field, message) = byPeer.ErrorAt(0);
        Assert.Equal("reviewerNip", field);
        Assert.Contains($"NIP {_org.Staff[1]} is not the supervisor of employee {_org.Staff[0]}", message);

        var bySupervisor = await PostAsync("reviews", Items.Review(Items.IdOf(activity), _org.Supervisor, true, DateTimeOffset.UtcNow));
        Assert.Equal("accepted", bySupervisor.StatusAt(0));
    }

    [Fact]
    public async Task Review_ApprovedNotBoolean_RejectsApproved()
    {
        var item = Items.Review(Guid.NewGuid(), _org.Supervisor, true, DateTimeOffset.UtcNow);
        item["approved"] = "yes";
        Assert.Equal(("approved", "approved must be true or false; got a string."), (await PostAsync("reviews", item)).ErrorAt(0, "approved"));
    }

    [Fact]
    public async Task Review_MissingFields_RejectsEachRequiredField()
    {
        var result = await PostAsync("reviews", new JsonObject { ["eventId"] = Guid.NewGuid().ToString() });
        foreach (var field in new[] { "activityEventId", "approved", "reviewerNip", "at" })
        {
            Assert.StartsWith($"{field} is required", result.ErrorAt(0, field).Message);
        }
    }

    [Fact]
    public async Task Review_AtInTheFuture_RejectsAt()
    {
        var result = await PostAsync("reviews", Items.Review(Guid.NewGuid(), _org.Supervisor, true, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Contains("in the future", result.ErrorAt(0, "at").Message);
    }
}
