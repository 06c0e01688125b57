using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// Wiring of several dashboard instances: with <c>Kinerja:Redis</c> the SignalR Redis backplane (channels
/// prefixed <c>Kinerja:RedisPrefix</c>), the board publisher lease, the shared watched groups and the
/// <c>redis</c> ready check; without it a standalone publisher, this instance's own screen registries and nothing else.
/// </summary>
public static class BoardClusterRegistration
{
    public static void AddKinerjaBoardCluster(this IServiceCollection services, ISignalRServerBuilder signalR,
        IConfiguration configuration)
    {
        var options = BoardClusterOptions.From(configuration);
        if (!options.Enabled)
        {
            services.AddSingleton(BoardPublisher.Standalone());
            services.AddSingleton(Employees.EmployeeWatchers.ThisInstance());
            // One instance: its screens get the latest Indicators of a group, not a backlog (Screens/BoardHubLifetimeManager).
            services.AddSingleton<HubLifetimeManager<BoardHub>, Screens.BoardHubLifetimeManager>();
            return;
        }
        services.AddSingleton(options);
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = RedisConnection.Configure(options, "signalr");
            o.Configuration.ChannelPrefix = RedisChannel.Literal(options.Prefix);
        });
        services.AddSingleton(BoardPublisher.ForCluster());
        // A person's screen may be connected to another instance: every person's group counts as watched.
        services.AddSingleton(Employees.EmployeeWatchers.Cluster());
        services.AddSingleton<BoardPublisherLease>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<BoardPublisherService>();
        services.AddHostedService<BoardWatchSync>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }
}
