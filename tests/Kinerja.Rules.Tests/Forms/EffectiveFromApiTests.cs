using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Store;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>
/// <c>effectiveFrom</c> on publish and on the four-eyes approve (issue 20): validated with Indonesian messages, kept
/// while the publish waits, applied from that month on approval, and shown in the overview and the history.
/// </summary>
public sealed class EffectiveFromApiTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private RulesApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await RulesApiHost.StartAsync(db, new Dictionary<string, string> { ["Kinerja:Rules:RequireSecondApprover"] = "true" });
        _http = _host.Http;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Month(int offset)
    {
        var current = RuleMonth.Current(_host.App.Services.GetRequiredService<TimeProvider>());
        return DateOnly.ParseExact(current + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(offset)
            .ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private async Task<JsonNode> Edited(string workflow, string from, string to)
    {
        var json = (await _http.GetFromJsonAsync<JsonObject>($"/api/v1/rules/{workflow}/versions/1"))!["json"]!.ToJsonString();
        Assert.Contains(from, json);
        return JsonNode.Parse(json.Replace(from, to))!;
    }

    [Theory]
    [InlineData("2025-13", "tidak dikenali")]
    [InlineData("Maret", "tidak dikenali")]
    public async Task Publish_MalformedMonth_BadRequestNamingTheField(string month, string expected)
    {
        var candidate = await Edited("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2");
        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { candidate }, author = "sdm-a", effectiveFrom = month });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["effectiveFrom"]![0]!.GetValue<string>();
        Assert.Contains(expected, errors);
    }

    [Fact]
    public async Task Publish_ClosedMonthWithoutConfirmation_Refused_WithConfirmationWaitsWithItsMonth()
    {
        var candidate = await Edited("tpp", "\"3.0\"", "\"4.0\"");
        var refused = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { candidate }, author = "sdm-a", effectiveFrom = Month(-2) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("sudah lewat", await refused.Content.ReadAsStringAsync());
        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish", new
        {
            workflows = new[] { candidate }, author = "sdm-a", note = "koreksi", effectiveFrom = Month(-2), reevaluateClosedMonths = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var waiting = (await res.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((Month(-2), true), (waiting["effectiveFrom"]!.GetValue<string>(), waiting["reevaluateClosedMonths"]!.GetValue<bool>()));
        var id = waiting["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/reject", new { author = "sdm-b" })).StatusCode);
    }

    [Fact]
    public async Task FourEyes_NextMonth_ApprovedVersionAppliesFromThatMonth_CurrentMonthUnchanged_ShownInOverviewAndHistory()
    {
        var candidate = await Edited("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2");
        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish", new
        {
            workflows = new[] { candidate }, author = "sdm-a", note = "mulai bulan depan", effectiveFrom = Month(1),
        });
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var id = (await res.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var approved = await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/approve", new { author = "sdm-b" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(Month(1), (await approved.Content.ReadFromJsonAsync<JsonObject>())!["effectiveFrom"]!.GetValue<string>());

        var schedule = _host.App.Services.GetRequiredService<ActiveRuleSet>().RequireSchedule();
        Assert.Equal(1, schedule.For(Month(0)).Versions["disiplin"]);
        Assert.Equal(2, schedule.For(Month(1)).Versions["disiplin"]);
        var overview = (await _http.GetFromJsonAsync<JsonObject>("/api/v1/rules"))!;
        var last = overview["schedule"]!.AsArray()[^1]!;
        Assert.Equal((Month(1), 2), (last["from"]!.GetValue<string>(), last["versions"]!["disiplin"]!.GetValue<int>()));
        var v2 = (await _http.GetFromJsonAsync<JsonObject>("/api/v1/rules/disiplin/versions/2"))!;
        Assert.Equal(Month(1), v2["effectiveFrom"]!.GetValue<string>());
        var listed = overview["workflows"]!.AsArray().Single(w => w!["workflow"]!.GetValue<string>() == "disiplin")!["versions"]![0]!;
        Assert.Equal(Month(1), listed["effectiveFrom"]!.GetValue<string>());
    }
}
