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
/// <c>GET /api/v1/rules/{workflow}/form</c> and <c>POST /api/v1/rules/form/json</c> in a small real host over the test
/// database: read a form, edit a field, turn it into JSON, publish it and read the version's form-level diff.
/// </summary>
public sealed class RulesFormApiTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private RulesApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await RulesApiHost.StartAsync(db);
        _http = _host.Http;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> Form(string workflow) =>
        (await _http.GetFromJsonAsync<JsonObject>($"/api/v1/rules/{workflow}/form"))!;

    private static void SetParameter(JsonObject form, string name, string value) =>
        form["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["value"] = value;

    [Fact]
    public async Task EditThresholdField_ToJsonThenPublish_VersionShowsParameterDiff()
    {
        var form = await Form("rating");
        Assert.Equal(1, form["version"]!.GetValue<int>());
        var field = form["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "batasDiAtas")!;
        Assert.Equal("4.0", field["value"]!.GetValue<string>());
        Assert.Equal("Batas nilai Di Atas Ekspektasi", field["label"]!.GetValue<string>());
        SetParameter(form, "batasDiAtas", "4.2");

        var res = await _http.PostAsJsonAsync("/api/v1/rules/form/json", form);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var json = (await res.Content.ReadFromJsonAsync<JsonObject>())!["json"]!;
        Assert.Equal("4.2", json["GlobalParams"]![0]!["Expression"]!.GetValue<string>());

        var pub = await _http.PostAsJsonAsync("/api/v1/rules/publish", new { workflows = new[] { json }, author = "hr@bkd", note = "ambang 4,2" });
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);
        var detail = await _http.GetFromJsonAsync<JsonObject>("/api/v1/rules/rating/versions/2");
        var change = Assert.Single(detail!["formDiffFromPrevious"]!["parameters"]!.AsArray())!;
        Assert.Equal(("Batas nilai Di Atas Ekspektasi", "4.0", "4.2"),
            (change["label"]!.GetValue<string>(), change["before"]!.GetValue<string>(), change["after"]!.GetValue<string>()));
        Assert.Empty(detail["formDiffFromPrevious"]!["rows"]!.AsArray());
        Assert.Equal("4.2", (await Form("rating"))["parameters"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToJson_NotANumber_IndonesianProblemAtTheField()
    {
        var form = await Form("tpp");
        SetParameter(form, "potonganPerHariTks", "tiga persen");
        var res = await _http.PostAsJsonAsync("/api/v1/rules/form/json", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Equal("Parameter \"Potongan per hari TKS\": nilai \"tiga persen\" bukan angka (contoh: 4,2 atau 75).",
            errors["parameters.potonganPerHariTks"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ToJson_UnknownSnapshotField_ProblemPointsAtTheRow()
    {
        var form = await Form("disiplin");
        form["rows"]![2]!["conditions"]![1]!["left"] = "snapshot.HariBolos";
        var res = await _http.PostAsJsonAsync("/api/v1/rules/form/json", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        var message = Assert.Single(errors["rows[2]"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("Baris 3 (pernyataan_tidak_puas) tidak lolos validasi:", message);
        Assert.Contains("HariBolos", message);
    }

    [Fact]
    public async Task GetForm_UnknownWorkflow_NotFound()
    {
        var res = await _http.GetAsync("/api/v1/rules/tidak_ada/form");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
    }
}
