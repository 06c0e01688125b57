using Kinerja.Rules.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Tests.Safety;

/// <summary><c>Kinerja:Rules:Limits</c> binds from configuration and a value out of range is refused at start, by name.</summary>
public sealed class RuleLimitsOptionsTests
{
    private static RulesOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddKinerjaRules(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RulesOptions>>().Value;
    }

    [Fact]
    public void Limits_FromConfiguration_Bound()
    {
        var o = Resolve(new() { ["Kinerja:Rules:Limits:MaxNestingDepth"] = "12", ["Kinerja:Rules:Limits:SnapshotTimeBudgetMs"] = "40" });
        Assert.Equal((12, 40, 4_096), (o.Limits.MaxNestingDepth, o.Limits.SnapshotTimeBudgetMs, o.Limits.MaxExpressionLength));
    }

    [Fact]
    public void Limits_OutOfRange_RefusedNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Kinerja:Rules:Limits:MaxNestingDepth"] = "0" }));
        Assert.Contains("Kinerja:Rules:Limits:MaxNestingDepth", ex.Message);
    }
}
