using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Reference;

public sealed class ReferenceApiTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private IReadOnlyList<string> _nips = [];

    public async Task InitializeAsync()
    {
        _nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "manokwari", "manokwari-dinkes", 3,
            tz: "Asia/Jayapura");
        await TestData.SeedUnitWithStaffAsync(app.DataSource, "pauh", "pauh-disdik", 2, nipOffset: 100);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Regions_ReturnsCamelCaseWithTimeZone()
    {
        var json = await (await app.ClientAsAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/regions");
        var manokwari = json.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "manokwari");
        Assert.Equal("Asia/Jayapura", manokwari.GetProperty("timeZone").GetString());
        Assert.True(manokwari.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Units_OfOneRegion_OnlyThatRegion()
    {
        var json = await (await app.ClientAsAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/units?region=pauh");
        var unit = Assert.Single(json.EnumerateArray());
        Assert.Equal("pauh-disdik", unit.GetProperty("id").GetString());
        Assert.Equal("pauh", unit.GetProperty("regionId").GetString());
    }

    [Fact]
    public async Task Employees_OfOneUnit_HaveTheContractFields()
    {
        var json = await (await app.ClientAsAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/employees?unit=manokwari-dinkes");
        var items = json.EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        var staff = items.Single(e => e.GetProperty("nip").GetString() == _nips[1]);
        Assert.Equal("manokwari-dinkes", staff.GetProperty("unitId").GetString());
        Assert.Equal(_nips[0], staff.GetProperty("supervisorNip").GetString());
        Assert.Equal("PNS", staff.GetProperty("status").GetString());
        Assert.True(staff.TryGetProperty("position", out _));
    }

    [Theory]
    [InlineData("/api/v1/units?region=nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/employees?unit=nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/units?region=%27%3B%20drop%20table%20region%3B--", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/employees?unit=UPPER", HttpStatusCode.BadRequest)]
    public async Task UnknownOrMalformedFilter_IsAProblem(string url, HttpStatusCode expected)
    {
        var response = await (await app.ClientAsAsync("admin")).GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OversizedFilter_IsRejectedNotCrashing()
    {
        var response = await (await app.ClientAsAsync("admin")).GetAsync("/api/v1/units?region=" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
