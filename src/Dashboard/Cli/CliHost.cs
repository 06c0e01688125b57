using Kinerja.Core.Clock;
using Kinerja.Core.Database;
using Kinerja.Embedded;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Hosting;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// A short-lived host for CLI verbs that need the database: same configuration as the server
/// (the content root's appsettings, environment, <c>--Key=value</c>), the same default data and rules folders,
/// migrated, and the embedded cluster stopped afterwards unless a running server already owned it. Logs go to
/// stderr and only when asked (<see cref="CliLogging"/>).
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<CliHost> StartAsync(string[] configArgs, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configArgs,
            ContentRootPath = ContentRoot.For(configArgs),
        });
        CliLogging.Configure(builder, configArgs);
        builder.Configuration.AddCommandLine(configArgs);
        builder.Configuration.ApplyKinerjaDefaultPaths(builder.Environment.ContentRootPath);
        // Beside a running server, share its cluster and leave it running.
        builder.Configuration[$"{EmbeddedPostgresOptions.Section}:{nameof(EmbeddedPostgresOptions.StopAdoptedServer)}"] = "false";
        await builder.AddKinerjaDatabaseAsync();
        builder.Services.AddKinerjaClock(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddSingleton<ReferenceRepository>();
        configure?.Invoke(builder.Services, builder.Configuration);
        var host = builder.Build();
        await host.Services.MigrateKinerjaDatabaseAsync();
        await host.StartAsync();
        return new CliHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
