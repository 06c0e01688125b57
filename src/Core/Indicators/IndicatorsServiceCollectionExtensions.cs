using Kinerja.Core.Calendar;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Kinerja.Core.Survey;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Core.Indicators;

public static class IndicatorsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OfficerSurveyOptions"/> (<c>Kinerja:Survey:OfficerMinRespondents</c>), registers the calendar cache, <see cref="IIndicatorQueries"/>,
    /// <see cref="IndicatorHistorySource"/> (backtest history), the in-memory
    /// <see cref="LiveIndicators"/> (fed by the <c>kinerja_events</c> inputs and the <c>kinerja_levels</c> rule outputs
    /// of the change feed, and rolled over at
    /// each region's local midnight by a hosted service). Needs the <c>NpgsqlDataSource</c> and the product's clock
    /// (<c>AddKinerjaClock</c>, registered once by the host).
    /// </summary>
    public static IServiceCollection AddKinerjaIndicators(this IServiceCollection services)
    {
        services.AddOptions<OfficerSurveyOptions>().BindConfiguration(OfficerSurveyOptions.Section)
            .Validate(o => o.OfficerMinRespondents >= 1, "Kinerja:Survey:OfficerMinRespondents must be at least 1")
            .ValidateOnStart();
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
