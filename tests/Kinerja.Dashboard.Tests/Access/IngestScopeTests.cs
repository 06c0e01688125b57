using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Ingest through HTTP with API keys: scope per item, revoked and unknown keys, header forms.</summary>
public sealed class IngestScopeTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private IReadOnlyList<string> _nipsA = [];
    private IReadOnlyList<string> _nipsB = [];

    public async Task InitializeAsync()
    {
        _nipsA = await TestData.SeedUnitWithStaffAsync(app.DataSource, "ing-a", "ing-a-dinas", 2);
        _nipsB = await TestData.SeedUnitWithStaffAsync(app.DataSource, "ing-b", "ing-b-dinas", 2, nipOffset: 200);
        await TestData.SeedUnitAsync(app.DataSource, "ing-b-rsud", "ing-b");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RegionScopedSource_OutsideItsRegion_IsRejectedPerItemWithAReason()
    {
        var key = await app.SourceKeyAsync("sumber-a", "region:ing-a");
        var outside = Activity(_nipsB[1]);
        var result = await PostAsync(app.ClientWithKey(key), Activity(_nipsA[1]), outside);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("accepted", items[0].GetProperty("status").GetString());
        Assert.Equal("rejected", items[1].GetProperty("status").GetString());
        Assert.Contains("outside this source's scope", items[1].GetProperty("errors")[0].GetProperty("message").GetString());
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from activity where event_id = $1", conn);
        cmd.Parameters.AddWithValue(Guid.Parse((string)outside["eventId"]!));
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UnitScopedSource_OnlyThatUnit_ForEmployeesAndUnitRatings()
    {
        var key = await app.SourceKeyAsync("sumber-unit", "unit:ing-b-dinas");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var result = await PostAsync(client, Activity(_nipsB[1]), Activity(_nipsA[1]));
        Assert.Equal(["accepted", "rejected"], Statuses(result));
        var ratings = await PostAsync(client, "/api/v1/ratings", CitizenRating("ing-b-dinas"), CitizenRating("ing-b-rsud"));
        Assert.Equal(["accepted", "rejected"], Statuses(ratings));
        Assert.Contains("outside this source's scope", ratings.GetProperty("items")[1].GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task RevokedKey_Is401_AtOnce()
    {
        var key = await app.SourceKeyAsync("sumber-dicabut", "region:ing-a");
        var client = app.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Activity(_nipsA[1]))).StatusCode);
        Assert.True(await app.Services.GetRequiredService<SourceStore>().RevokeAsync("sumber-dicabut", "test"));
        await EndpointPolicyTests.WaitUntilAsync(async () =>
            (await SendAsync(client, Activity(_nipsA[1]))).StatusCode == HttpStatusCode.Unauthorized);
        var response = await SendAsync(client, Activity(_nipsA[1]));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("kin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("kin_' or 1=1 --")]
    public async Task UnknownOrMalformedKey_Is401(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        var response = await SendAsync(client, Activity(_nipsA[1]));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OversizedKeyHeader_Is401NotAnError()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer kin_" + new string('A', 8000));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, Activity(_nipsA[1]))).StatusCode);
    }

    [Fact]
    public async Task SignedInPerson_CannotIngest()
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(admin, Activity(_nipsA[1]))).StatusCode);
    }

    [Fact]
    public async Task StoredKey_IsOnlyAHash()
    {
        var key = await app.SourceKeyAsync("sumber-hash", "region:ing-a");
        var source = await app.Services.GetRequiredService<SourceStore>().FindByNameAsync("sumber-hash");
        Assert.NotNull(source);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select key_hash from ingest_source where name = 'sumber-hash'", conn);
        var stored = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.DoesNotContain(key, stored);
        Assert.Equal(SourceKeys.Hash(key), stored);
        Assert.StartsWith(source.KeyPrefix, key);
    }

    private JsonObject Activity(string nip) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(),
        ["nip"] = nip,
        ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        ["minutes"] = 60,
        ["description"] = "Menyusun laporan",
    };

    private static JsonObject CitizenRating(string unitId) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(),
        ["unitId"] = unitId,
        ["raterRole"] = "masyarakat",
        ["aspect"] = "kepuasan_layanan",
        ["score"] = 5,
        ["period"] = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
    };

    private static string[] Statuses(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).ToArray();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, params JsonObject[] items) =>
        client.PostAsync("/api/v1/activities", Body(items));

    private static Task<JsonElement> PostAsync(HttpClient client, params JsonObject[] items) =>
        PostAsync(client, "/api/v1/activities", items);

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, params JsonObject[] items)
    {
        var response = await client.PostAsync(url, Body(items));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Body(JsonObject[] items) =>
        new(new JsonArray(items.Select(i => (JsonNode)i).ToArray()).ToJsonString(), Encoding.UTF8, "application/json");
}
