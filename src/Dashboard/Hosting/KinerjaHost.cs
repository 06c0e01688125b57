using Kinerja.Core.Clock;
using Kinerja.Core.Database;
using Kinerja.Core.Indicators;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.FollowUp;
using Kinerja.Core.Startup;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Live;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Apis;
using Kinerja.Dashboard.Demo;
using Kinerja.Dashboard.Health;
using Kinerja.Dashboard.Telemetry;
using Kinerja.Embedded;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest;
using Kinerja.Ingest.Http;

using Kinerja.Dashboard.Survey;
using Kinerja.Dashboard.Skp;
using Kinerja.Dashboard.SkpMonitoring;
using Kinerja.Dashboard.Notifications;
using Kinerja.Dashboard.Reports;

namespace Kinerja.Dashboard.Hosting;

/// <summary>Composition of the one binary: services per role, start-up work, middleware, endpoints.</summary>
public static class KinerjaHost
{
    public static async Task<ProcessRoles> AddKinerjaAsync(this WebApplicationBuilder builder)
    {
        var roles = ProcessRoles.Parse(builder.Configuration[ProcessRoles.Key]);
        builder.Services.AddSingleton(roles);
        builder.Configuration.ApplyKinerjaDefaultPaths(builder.Environment.ContentRootPath);
        var db = await builder.AddKinerjaDatabaseAsync();
        var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        demo.Seed ??= db.Embedded;
        demo.Simulate ??= db.Embedded;
        builder.Services.AddSingleton(demo);

        // The one clock of the process (Kinerja:Clock); every part reads "now" from it.
        builder.Services.AddKinerjaClock(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddSingleton<ReferenceRepository>();
        // Kinerja:Privacy, bound once: every screen, chart and API suppresses small groups through SmallGroups.
        builder.Services.AddKinerjaPrivacy();
        if (roles.Dashboard || roles.Rules)
        {
            builder.Services.AddKinerjaIndicators();
        }
        if (roles.Rules)
        {
            if (roles.Ingest && demo.Simulate == true)
            {
                // Rules wait for the demo backfill, so a half-loaded month fires nothing.
                builder.Services.AddSingleton(new RulesStartGate(open: false));
            }
            builder.Services.AddKinerjaRules(builder.Configuration);
            builder.Services.AddLiveRulesEvaluation();
        }
        if (roles.Ingest)
        {
            builder.Services.AddKinerjaIngest(builder.Configuration);
            if (demo.Simulate == true)
            {
                builder.Services.AddSingleton<DemoSimulator>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSimulator>());
            }
        }
        builder.Services.AddKinerjaSurvey(intake: roles.Ingest);
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddKinerjaKeyRing(builder.Configuration, db.Embedded);
        builder.AddKinerjaAccess();
        builder.Services.AddEmployeeLoop(roles.Ingest);
        builder.Services.AddSkpPlans();
        builder.Services.AddFollowUps();
        builder.Services.AddSkpMonitoring();
        builder.Services.AddNotifications(worker: roles.Rules);
        // Report documents: the API wherever /api/v1/reports is mapped; the worker where the rules are loaded.
        builder.Services.AddReports(worker: roles.Rules);
        builder.Services.AddProblemDetails();
        builder.Services.AddKinerjaOpenApi();
        if (roles.Dashboard)
        {
            builder.Services.AddKinerjaBoard(builder.Configuration);
        }
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.AddKinerjaMetrics();
        return roles;
    }

    /// <summary>
    /// Start-up work before serving: wait for PostgreSQL and migrate, wait for Redis when the backplane is on,
    /// then the demo seed when on. What cannot be reached in <c>Kinerja:Startup:Timeout</c> ends the start
    /// (<see cref="StartupGuard"/>).
    /// </summary>
    public static async Task InitializeKinerjaAsync(this WebApplication app)
    {
        await app.Services.MigrateKinerjaDatabaseAsync();
        var cluster = BoardClusterOptions.From(app.Configuration);
        if (app.Services.GetRequiredService<ProcessRoles>().Dashboard && cluster.Enabled)
        {
            await RedisStartupCheck.WaitAsync(cluster, StartupOptions.From(app.Configuration).Timeout,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisStartupCheck)));
        }
        if (app.Services.GetRequiredService<DemoOptions>().Seed == true)
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
            await app.Services.EnsureDemoAccessAsync();
        }
    }

    /// <summary>The middleware pipeline (<see cref="AccessPipeline.UseKinerjaAccess"/>), then every endpoint group.</summary>
    public static WebApplication MapKinerja(this WebApplication app)
    {
        var roles = app.Services.GetRequiredService<ProcessRoles>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseKinerjaAccess();
        app.MapKinerjaEndpoints(roles);
        StartupBanner.PrintWhenStarted(app, roles);
        return app;
    }
}
