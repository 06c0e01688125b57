using Kinerja.Core.Calendar;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Core.Indicators;

public static class IndicatorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the calendar cache, <see cref="IIndicatorQueries"/>,
    /// <see cref="IndicatorHistorySource"/> (backtest history), the in-memory
    /// <see cref="LiveIndicators"/> (fed by the <c>kinerja_events</c> inputs and the <c>kinerja_levels</c> rule outputs
    /// of the change feed, and rolled over at
    /// each region's local midnight by a hosted service). Needs the <c>NpgsqlDataSource</c> and the product's clock
    /// (<c>AddKinerjaClock</c>, registered once by the host).
    /// </summary>
    public static IServiceCollection AddKinerjaIndicators(this IServiceCollection services)
    {
        services.TryAddSingleton<CalendarCache>();
        services.TryAddSingleton<IndicatorQueries>();
        services.TryAddSingleton<IIndicatorQueries>(sp => sp.GetRequiredService<IndicatorQueries>());
        services.TryAddSingleton<IndicatorHistorySource>();
        services.TryAddSingleton<LiveIndicators>();
        services.TryAddSingleton<LiveChangeQueue>();
        services.AddSingleton<IChangeHandler, LiveIndicatorsChangeHandler>();
        services.AddSingleton<IChangeHandler, LiveLevelsChangeHandler>();
        services.AddHostedService<LiveIndicatorsService>();
        return services;
    }
}
