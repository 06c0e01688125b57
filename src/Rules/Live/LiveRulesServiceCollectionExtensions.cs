using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Rules.Live;

public static class LiveRulesServiceCollectionExtensions
{
    /// <summary>
    /// Evaluates the rules as indicators change (needs <c>AddKinerjaIndicators</c> and <c>AddKinerjaRules</c>):
    /// triggers and leveled values are stored by the one process holding the evaluator lease.
    /// </summary>
    public static IServiceCollection AddLiveRulesEvaluation(this IServiceCollection services)
    {
        services.TryAddSingleton(new RulesStartGate());
        services.AddSingleton<LevelStore>();
        services.AddSingleton<EvaluatorLease>();
        services.AddSingleton<LiveRulesEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveRulesEvaluator>());
        return services;
    }
}
