using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Hosting;

/// <summary>GET /api/v1/runtime: admin only; counters move with the process (collections, allocation).</summary>
public sealed class RuntimeStatsApiTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>
{
    [Fact]
    public async Task Admin_AfterACollection_SeesGen2CountAndHeapAfterIt()
    {
        var admin = await app.ClientAsAsync(AccessRoles.Admin);
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/runtime");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/runtime");
        Assert.True(after.GetProperty("gen2Collections").GetInt32() > before.GetProperty("gen2Collections").GetInt32());
        Assert.True(after.GetProperty("gen2Index").GetInt64() > before.GetProperty("gen2Index").GetInt64());
        Assert.True(after.GetProperty("heapAfterGen2Bytes").GetInt64() > 0);
        Assert.True(after.GetProperty("allocatedBytes").GetInt64() >= before.GetProperty("allocatedBytes").GetInt64());
        Assert.True(after.GetProperty("workingSetBytes").GetInt64() > 0);
    }

    [Theory]
    [InlineData(AccessRoles.Sdm)]
    [InlineData(AccessRoles.Pimpinan)]
    public async Task NonAdmins_AreForbidden(string role)
    {
        var client = await app.ClientAsAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/runtime")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsNotServedTheFigures()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/api/v1/runtime");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("gen2Collections", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
