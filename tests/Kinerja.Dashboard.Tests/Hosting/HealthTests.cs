using System.Net;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Hosting;

public sealed class HealthTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>
{
    [Fact]
    public async Task Ready_MigratedDatabase_IsHealthy()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_AlwaysAnswers()
    {
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheReferenceEndpoints()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/regions", doc);
        Assert.Contains("/api/v1/employees", doc);
    }
}
