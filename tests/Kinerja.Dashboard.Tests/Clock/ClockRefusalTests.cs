using Kinerja.Dashboard.Tests.Hosting;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Clock;

/// <summary>
/// A shifted clock never reaches production by accident: outside Development the server refuses to start with it,
/// naming the key and the switch, unless <c>Kinerja:Clock:AllowInProduction=true</c> says it is meant.
/// </summary>
public sealed class ClockRefusalTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Start_ShiftedClockInProduction_IsRefusedWithAClearError()
    {
        // the built server as a process (ASPNETCORE_ENVIRONMENT=Production), as an operator would start it
        var settings = DatabaseStartupFailureTests.Settings(db.ConnectionString, timeout: "10");
        settings["Kinerja:Clock:StartAt"] = "2025-05-20T10:00:00+07:00";
        var exit = await ServerProcess.RunAsync(settings, TimeSpan.FromSeconds(60));

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Configuration,
            "Kinerja:Clock:StartAt is set but the environment is 'Production'", "Kinerja:Clock:AllowInProduction=true");
    }

    [Fact]
    public async Task Start_ShiftedClockInProductionWhenAllowed_RunsOnIt()
    {
        var app = new ProductionApp(allow: true);
        await app.InitializeAsync();
        try
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

            Assert.InRange(now, ProductionApp.StartAt, ProductionApp.StartAt.AddMinutes(10));
            using var live = await app.CreateClient().GetAsync("/health/live");
            Assert.True(live.IsSuccessStatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private sealed class ProductionApp(bool allow) : KinerjaAppFactory
    {
        public static readonly DateTimeOffset StartAt = new(2025, 5, 20, 10, 0, 0, TimeSpan.FromHours(7));

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Kinerja:Clock:StartAt"] = "2025-05-20T10:00:00+07:00",
            ["Kinerja:Clock:AllowInProduction"] = allow ? "true" : "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
