using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

public sealed class ActivityValidationTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> PostOneAsync(JsonObject item) =>
        await (await _host.Client.PostJsonAsync("activities", item)).ResultAsync();

    [Theory]
    [InlineData("19900101201501100", "exactly 18 digits")]
    [InlineData("1990010120150110x1", "digits only")]
    [InlineData("199013012015011001", "valid birth date")]
    [InlineData("199001012015013001", "gender digit")]
    public async Task Post_MalformedNip_RejectsNipWithSpecificMessage(string nip, string expected)
    {
        var result = await PostOneAsync(Items.Activity(nip, TestDays.MorningWib(TestDays.Next())));
        Assert.Equal("rejected", result.StatusAt(0));
        var (field, message) = result.ErrorAt(0);
        Assert.Equal("nip", field);
        Assert.Contains(expected, message);
        // the field travels beside the message: clients and the import report print "field: message"
        Assert.StartsWith("NIP ", message);
    }

    [Fact]
    public async Task Post_UnregisteredNip_RejectsAsUnknownEmployee()
    {
        var nip = TestNips.Make(9999);
        var result = await PostOneAsync(Items.Activity(nip, TestDays.MorningWib(TestDays.Next())));
        Assert.Equal(("nip", $"No employee with NIP {nip} is registered."), result.ErrorAt(0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(661)]
    public async Task Post_MinutesOutsideDailyBounds_RejectsMinutes(int minutes)
    {
        var result = await PostOneAsync(Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()), minutes));
        var (field, message) = result.ErrorAt(0);
        Assert.Equal("minutes", field);
        Assert.Contains("between 1 and 660", message);
    }

    [Fact]
    public async Task Post_DayTotalOverMaximum_RejectsOnlyTheItemThatOverflows()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[1];
        Assert.Equal(1, (await PostOneAsync(Items.Activity(nip, TestDays.MorningWib(day), 400))).Count("accepted"));

        var result = await (await _host.Client.PostJsonAsync("activities",
            Items.Activity(nip, TestDays.MorningWib(day).AddHours(1), 200),
            Items.Activity(nip, TestDays.MorningWib(day).AddHours(2), 100),
            Items.Activity(nip, TestDays.MorningWib(day).AddHours(3), 60))).ResultAsync();

        Assert.Equal(["accepted", "rejected", "accepted"], Enumerable.Range(0, 3).Select(result.StatusAt));
        var (field, message) = result.ErrorAt(1);
        Assert.Equal("minutes", field);
        Assert.Contains("would be 700 minutes, over the daily maximum of 660", message);
    }

    [Fact]
    public async Task Post_TimeBeyondClockSkew_RejectsOccurredAt()
    {
        var result = await PostOneAsync(Items.Activity(_org.Staff[0], DateTimeOffset.UtcNow.AddMinutes(30)));
        var (field, message) = result.ErrorAt(0);
        Assert.Equal("occurredAt", field);
        Assert.Contains("in the future", message);
    }

    [Fact]
    public async Task Post_TimeWithinClockSkew_Accepts()
    {
        var result = await PostOneAsync(Items.Activity(_org.Staff[2], DateTimeOffset.UtcNow.AddMinutes(2), 10));
        Assert.Equal("accepted", result.StatusAt(0));
    }

    [Fact]
    public async Task Post_TimeWithoutOffset_RejectsOccurredAt()
    {
        var item = Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()));
        item["occurredAt"] = "2025-03-02T08:30:00";
        var (field, message) = (await PostOneAsync(item)).ErrorAt(0);
        Assert.Equal("occurredAt", field);
        Assert.Contains("with a UTC offset", message);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("nip")]
    [InlineData("occurredAt")]
    [InlineData("minutes")]
    [InlineData("description")]
    public async Task Post_MissingRequiredField_RejectsThatField(string missing)
    {
        var item = Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()));
        item.Remove(missing);
        var result = await PostOneAsync(item);
        Assert.Equal("rejected", result.StatusAt(0));
        var (_, message) = result.ErrorAt(0, missing);
        Assert.StartsWith($"{missing} is required", message);
    }

    [Fact]
    public async Task Post_WrongJsonTypes_RejectsPerFieldAndKeepsGoodItems()
    {
        var day = TestDays.Next();
        var bad = Items.Activity(_org.Staff[3], TestDays.MorningWib(day));
        bad["minutes"] = "sixty";
        bad["nip"] = 199001012015011001;
        bad["volume"] = new JsonObject { ["x"] = 1 };
        var fractional = Items.Activity(_org.Staff[3], TestDays.MorningWib(day));
        fractional["minutes"] = 12.5;
        var good = Items.Activity(_org.Staff[3], TestDays.MorningWib(day));

        var result = await (await _host.Client.PostJsonAsync("activities", bad, "not an object", fractional, good)).ResultAsync();

        Assert.Equal("minutes must be a whole number; got a string.", result.ErrorAt(0, "minutes").Message);
        Assert.Equal("nip must be a string; got a number.", result.ErrorAt(0, "nip").Message);
        Assert.Equal("volume must be a number; got an object.", result.ErrorAt(0, "volume").Message);
        Assert.Equal(("", "Each item must be a JSON object; got a string."), result.ErrorAt(1));
        Assert.Equal("minutes must be a whole number; got 12.5.", result.ErrorAt(2, "minutes").Message);
        Assert.Equal("accepted", result.StatusAt(3));
        Assert.Equal((1, 0, 3), (result.Count("accepted"), result.Count("duplicates"), result.Count("rejected")));
    }

    [Fact]
    public async Task Post_SameEventIdTwiceInBatch_RejectsTheSecond()
    {
        var first = Items.Activity(_org.Staff[4], TestDays.MorningWib(TestDays.Next()), 30);
        var again = first.DeepClone().AsObject();
        var result = await (await _host.Client.PostJsonAsync("activities", first, again)).ResultAsync();
        Assert.Equal("accepted", result.StatusAt(0));
        Assert.Equal(("eventId", $"eventId {Items.IdOf(first)} appears more than once in this batch (first at index 0)."),
            result.ErrorAt(1));
    }

    [Fact]
    public async Task Post_EventIdNotAUuid_RejectsAndEchoesIt()
    {
        var item = Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()));
        item["eventId"] = "abc-123";
        var result = await PostOneAsync(item);
        Assert.Equal("abc-123", (string)result["items"]![0]!["eventId"]!);
        Assert.Contains("must be a UUID", result.ErrorAt(0, "eventId").Message);
    }

    [Fact]
    public async Task Post_OutsideSourceScope_RejectsNip()
    {
        await using var scoped = await IngestHost.StartAsync(db.DataSource, configure: s =>
            s.AddSingleton<Http.IIngestScopeResolver>(new FixedScope(new IngestScope(new HashSet<string> { Org.PapuaRegion }, null))));
        var result = await (await scoped.Client.PostJsonAsync("activities",
            Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next())),
            Items.Activity(_org.PapuaStaff[0], TestDays.MorningWib(TestDays.Next())))).ResultAsync();
        Assert.Contains("outside this source's scope", result.ErrorAt(0, "nip").Message);
        Assert.Equal("accepted", result.StatusAt(1));
    }

    private sealed class FixedScope(IngestScope scope) : Http.IIngestScopeResolver
    {
        public ValueTask<IngestScope?> ResolveAsync(Microsoft.AspNetCore.Http.HttpContext context,
            Contracts.IngestStream stream, CancellationToken ct) => ValueTask.FromResult<IngestScope?>(scope);
    }
}
