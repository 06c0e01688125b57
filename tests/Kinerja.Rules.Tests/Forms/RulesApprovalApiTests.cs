using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Rules.Api;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>
/// Four-eyes publishing (<c>Kinerja:Rules:RequireSecondApprover</c> on): a publish waits until another account approves
/// it; its author cannot approve it; a rejected one never becomes active.
/// </summary>
public sealed class RulesApprovalApiTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private RulesApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await RulesApiHost.StartAsync(db, new Dictionary<string, string> { ["Kinerja:Rules:RequireSecondApprover"] = "true" });
        _http = _host.Http;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonNode> Edited(string workflow, string from, string to)
    {
        var json = (await _http.GetFromJsonAsync<JsonObject>($"/api/v1/rules/{workflow}/versions/1"))!["json"]!.ToJsonString();
        Assert.Contains(from, json);
        return JsonNode.Parse(json.Replace(from, to))!;
    }

    private async Task<int> ActiveVersion(string workflow) =>
        (await _http.GetFromJsonAsync<JsonObject>("/api/v1/rules"))!["active"]![workflow]!.GetValue<int>();

    [Fact]
    public async Task Publish_WaitsForAnotherAccount_AuthorCannotApprove_OtherApproverPublishes()
    {
        var candidate = await Edited("rating", "\"4.0\"", "\"4.2\"");
        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { candidate }, author = "sdm-a", note = "ambang 4,2" });
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var id = (await res.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        Assert.Equal(1, await ActiveVersion("rating"));
        var waiting = Assert.Single((await _http.GetFromJsonAsync<JsonArray>("/api/v1/rules/pending"))!)!;
        Assert.Equal(("sdm-a", "rating"), (waiting["author"]!.GetValue<string>(), waiting["workflowNames"]![0]!.GetValue<string>()));

        var self = await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/approve", new { author = "SDM-A" });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("akun SDM/admin lain", await self.Content.ReadAsStringAsync());
        Assert.Equal(1, await ActiveVersion("rating"));

        var other = await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/approve", new { author = "sdm-b" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, await ActiveVersion("rating"));
        var v2 = (await _http.GetFromJsonAsync<JsonObject>("/api/v1/rules/rating/versions/2"))!;
        Assert.Equal(("sdm-a", "ambang 4,2 (disetujui oleh sdm-b)"), (v2["author"]!.GetValue<string>(), v2["note"]!.GetValue<string>()));
        Assert.Empty((await _http.GetFromJsonAsync<JsonArray>("/api/v1/rules/pending"))!);
        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/approve", new { author = "sdm-c" })).StatusCode);
    }

    [Fact]
    public async Task Publish_Rejected_NeverActive_InvalidCandidateNotStored()
    {
        var candidate = await Edited("tpp", "\"3.0\"", "\"4.0\"");
        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { candidate }, author = "sdm-a", note = "potongan 4%" });
        var id = (await res.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/reject", new { author = "sdm-b" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsJsonAsync($"/api/v1/rules/pending/{id}/approve", new { author = "sdm-b" })).StatusCode);
        Assert.Equal(1, await ActiveVersion("tpp"));

        var broken = await Edited("tpp", "\"3.0\"", "\"snapshot.TidakAda\"");
        var bad = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { broken }, author = "sdm-a", note = "rusak" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.DoesNotContain((await _http.GetFromJsonAsync<JsonArray>("/api/v1/rules/pending"))!, p => p!["note"]!.GetValue<string>() == "rusak");
    }
}
