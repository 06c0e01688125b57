using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Clock;

public static class ClockServiceCollectionExtensions
{
    /// <summary>
    /// Registers the product's one <see cref="TimeProvider"/> (and its <see cref="KinerjaClock"/>) from
    /// <c>Kinerja:Clock</c>; a shifted clock logs a warning at start. Call once, from the host. Throws
    /// <see cref="ClockSettingsException"/> for a setting that cannot be used (see <see cref="KinerjaClock.Create"/>).
    /// </summary>
    public static IServiceCollection AddKinerjaClock(this IServiceCollection services, IConfiguration configuration,
        string environmentName)
    {
        var options = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        var clock = KinerjaClock.Create(options, environmentName);
        services.Replace(ServiceDescriptor.Singleton(clock));
        services.Replace(ServiceDescriptor.Singleton(clock.Time));
        if (clock.Shifted is not null)
        {
            services.AddHostedService<ShiftedClockNotice>();
        }
        return services;
    }

    private sealed class ShiftedClockNotice(KinerjaClock clock, ILogger<KinerjaClock> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("The clock is shifted: {Clock}; now reads {Now:O}. Every date the product checks and shows follows it",
                clock.Shifted, clock.Time.GetUtcNow());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
