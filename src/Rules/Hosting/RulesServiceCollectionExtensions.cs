using Kinerja.Core.Changes;
using Kinerja.Rules.Backtest;
using Kinerja.Rules.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Rules.Hosting;

public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rules subsystem: options from <c>Kinerja:RulesPath</c> and <c>Kinerja:Rules</c>
    /// (validated at start), the active set, store, evaluation, backtest, the <c>kinerja_rules</c> change
    /// handler, and the hosted service that bootstraps/loads the rules and watches the folder.
    /// Needs a singleton <c>NpgsqlDataSource</c> (registered by Core). Backtests need an
    /// <see cref="ISnapshotSource"/> registered by the indicators layer.
    /// </summary>
    public static IServiceCollection AddKinerjaRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RulesOptions>()
            .Bind(configuration.GetSection("Kinerja:Rules"))
            .Configure(o => o.RulesPath = configuration["Kinerja:RulesPath"] ?? o.RulesPath)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<RulesOptions>, Safety.RuleLimitsValidation>());
        services.AddOptions<FollowUp.FollowUpOptions>()
            .Bind(configuration.GetSection(FollowUp.FollowUpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FollowUp.FollowUpOptions>>().Value);
        services.TryAddSingleton<ActiveRuleSet>();
        services.TryAddSingleton<WorkflowStore>();
        services.TryAddSingleton<PendingPublishStore>();
        services.TryAddSingleton<TriggerStore>();
        services.TryAddSingleton<TriggerQuery>();
        services.TryAddSingleton<RulesService>();
        services.TryAddSingleton<RuleEvaluationService>();
        services.TryAddSingleton<Backtester>();
        services.AddSingleton<IChangeHandler, RulesChangeHandler>();
        services.AddHostedService<RulesHostedService>();
        return services;
    }
}
