using Kinerja.Core.Clock;
using Kinerja.Rules.Api;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinerja.Rules.Tests;

/// <summary>
/// A small real host of the rules API (AddKinerjaRules + the rules and triggers endpoint groups) over a test database,
/// on a free loopback port, reading <c>rules/</c> without watching it; <paramref name="settings"/> adds configuration.
/// </summary>
public sealed class RulesApiHost : IAsyncDisposable
{
    private RulesApiHost(WebApplication app, HttpClient http) => (App, Http) = (app, http);

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<RulesApiHost> StartAsync(TestDatabase db, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Kinerja:RulesPath"] = RepoPaths.Rules;
        builder.Configuration["Kinerja:Rules:WatchFolder"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }
        builder.Services.AddSingleton(db.DataSource);
        builder.Services.AddKinerjaClock(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddKinerjaRules(builder.Configuration);
        var app = builder.Build();
        var rules = app.MapGroup("/api/v1/rules");
        rules.MapRulesReadEndpoints();
        rules.MapRulesChangeEndpoints();
        app.MapGroup("/api/v1/triggers").MapTriggerEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RulesApiHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
