using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>GET /api/v1/audit: admin only, filters, keyset paging, problem details for bad or hostile query values.</summary>
public sealed class AuditApiTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    public static readonly TheoryData<string> QueryParameters = new() { "action", "actor", "from", "to", "before", "limit" };

    private static readonly string[] Hostile =
    [
        "'; drop table audit; --", "1 or 1=1", "\" or \"\"=\"", "%00", "login.failure' union select * from app_user --",
        "$(reboot)", "<script>alert(1)</script>", new string('a', 5000), new string('9', 400), "-1", "0",
    ];

    // Each test gets its own actors (xunit creates the class, and runs InitializeAsync, once per test).
    private readonly string _budi = "user:budi-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _sari = "user:sari-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        var audit = app.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await audit.WriteAsync(_budi, "demo.page", "target-" + i, new { i });
        }
        await audit.WriteAsync(_sari, "demo.other", "x", null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Admin_ReadsNewestFirst_FilteredByActorAndActionPrefix()
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={_budi}&action=demo.*");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Equal(_budi, i.GetProperty("actor").GetString()));
        var ids = items.Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(JsonValueKind.Object, items[0].GetProperty("detail").ValueKind);
        var exact = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=demo.other");
        Assert.All(exact.GetProperty("items").EnumerateArray(), i => Assert.Equal("demo.other", i.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Paging_FollowsNextUntilTheEnd_WithoutRepeats()
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        var seen = new List<long>();
        string? next = $"/api/v1/audit?actor={_budi}&limit=2";
        while (next is not null)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(next);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
        }
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
    }

    [Fact]
    public async Task TimeWindow_ExcludesRowsOutsideIt()
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?from={future}");
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(AccessRoles.Sdm)]
    [InlineData(AccessRoles.Pimpinan)]
    public async Task NonAdmins_AreForbidden(string role)
    {
        var client = await app.ClientAsAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(QueryParameters))]
    public async Task HostileOrOversizedValues_OnEveryParameter_AreProblemsNotErrors(string parameter)
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        foreach (var value in Hostile)
        {
            var response = await admin.GetAsync($"/api/v1/audit?{parameter}={Uri.EscapeDataString(value)}");
            var label = $"{parameter}={value[..Math.Min(40, value.Length)]}: {(int)response.StatusCode}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // Well-formed after all (e.g. actor "-1"): it must then match nothing, not everything.
                var page = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(page.GetProperty("items").GetArrayLength() == 0, label);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var oversized = await admin.GetAsync($"/api/v1/audit?{parameter}={new string('a', 5000)}");
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        var still = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={_sari}");
        Assert.Single(still.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("limit=501")]
    [InlineData("limit=abc")]
    [InlineData("from=2026-13-45")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")]
    [InlineData("action=Login.Failure")]
    public async Task BadQuery_IsA400Problem(string query)
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        var response = await admin.GetAsync("/api/v1/audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
