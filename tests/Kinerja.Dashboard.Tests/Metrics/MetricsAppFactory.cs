using System.Net.Http.Json;
using System.Net;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>
/// The board server with <c>/metrics</c> open to loopback and 10.20.0.0/16, a rule that fires for everyone (so the
/// trigger counter has a series on any date), and a test-only header that sets the request's remote address (the
/// test server has none). <see cref="ActivityAsync"/> runs one round of activity once for every test of the collection.
/// </summary>
public sealed class MetricsAppFactory : BoardAppFactory
{
    /// <summary>Sets the remote address of a request (test server only).</summary>
    public const string RemoteHeader = "X-Test-Remote-Address";

    public const string AllowedNetwork = "10.20.0.0/16";

    private readonly string _rules = Path.Combine(Path.GetTempPath(), "kinerja-metrics-rules-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _active;
    private HubClient? _screen;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Kinerja:RulesPath"] = _rules;
            settings["Kinerja:Metrics:AllowedNetworks:0"] = "127.0.0.0/8";
            settings["Kinerja:Metrics:AllowedNetworks:1"] = "::1";
            settings["Kinerja:Metrics:AllowedNetworks:2"] = AllowedNetwork;
            return settings;
        }
    }

    public MetricsAppFactory()
    {
        // Written before the host starts (it reads the folder at start); removed in Dispose.
        Directory.CreateDirectory(_rules);
        foreach (var file in Directory.GetFiles(BuiltDashboard.RulesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(_rules, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(_rules, "uji_metrik.json"), UjiMetrik("uji_metrik"));
    }

    /// <summary>A workflow whose one rule fires for every employee (a REWARD).</summary>
    private static string UjiMetrik(string name) => $$"""
            {
              "WorkflowName": "{{name}}",
              "Rules": [
                {
                  "RuleName": "selalu",
                  "SuccessEvent": "UJI_METRIK",
                  "Properties": { "kind": "REWARD", "action": "Uji metrik", "actor": "sdm", "description": "Selalu menyala (uji)" },
                  "Expression": "true"
                }
              ]
            }
            """;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _screen?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_rules))
        {
            Directory.Delete(_rules, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter()));
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (none: the test server's unknown address).</summary>
    public HttpClient ClientFrom(string? address)
    {
        var client = CreateClient();
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(RemoteHeader, address);
        }
        return client;
    }

    /// <summary>
    /// Once: a screen subscribes to the region, events are ingested (accepted, a duplicate and a rejected item), the
    /// screen gets the new figures and the re-rendered chart, and the chart's PNG is downloaded. The screen stays connected.
    /// </summary>
    public async Task ActivityAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_active)
            {
                return;
            }
            _screen = await HubClient.ConnectAsync(this);
            await _screen.SubscribeAsync("region:" + RegionId);
            var (first, _) = await _screen.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(5));
            var version = first.GetProperty("version").GetInt64();

            // A workflow published now fires for the employees the events below touch: REWARD triggers stored while the meter
            // surely listens (the start-up evaluation may run before it does).
            var hr = await Access.AccessClients.ClientAsAsync(this, "sdm");
            using var published = await hr.PostAsJsonAsync("/api/v1/rules/publish", new
            {
                files = new Dictionary<string, string> { ["uji_metrik_terbit.json"] = UjiMetrik("uji_metrik_terbit") },
                author = "uji", note = "metrik",
            });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

            var item = new { eventId = Guid.NewGuid(), nip = BigUnitNips[1], occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                minutes = 30, description = "Menyusun laporan metrik" };
            await BoardIngest.PostAsync(Source, "/api/v1/activities", [item], 1);
            await BoardIngest.PostAsync(Source, "/api/v1/activities", [item], 0); // the same event again: a duplicate
            using (await Source.PostAsync("/api/v1/activities", System.Net.Http.Json.JsonContent.Create(new[]
                   { new { eventId = Guid.NewGuid(), nip = "123", occurredAt = DateTimeOffset.UtcNow, minutes = 30, description = "x" } })))
            {
            }
            await BoardIngest.ActivitiesAsync(Source, BigUnitNips.Take(3), minutes: 45);

            await _screen.WaitForAsync("Indicators", p => p.GetProperty("version").GetInt64() > version, TimeSpan.FromSeconds(5));
            var (chart, _) = await _screen.WaitForAsync("Chart", p => p.GetProperty("version").GetInt64() > version,
                TimeSpan.FromSeconds(5));
            using var png = await Admin.GetAsync(chart.GetProperty("pngUrl").GetString());
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            _active = true;
        }
        finally
        {
            _once.Release();
        }
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
