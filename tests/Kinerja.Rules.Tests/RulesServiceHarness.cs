using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Rules.Tests;

/// <summary>A rules "process" over a test database: its own active set and service.</summary>
internal sealed class RulesServiceHarness(NpgsqlDataSource db)
{
    public ActiveRuleSet Active { get; } = new(TimeProvider.System);
    public WorkflowStore Store { get; } = new(db);
    public TriggerStore Triggers { get; } = new(db);
    public RulesService Service => _service ??= new RulesService(Store, Active, NullLogger<RulesService>.Instance);
    private RulesService? _service;

    public static IReadOnlyList<WorkflowSource> DefaultSources()
    {
        var (sources, issues) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        Assert.Empty(issues);
        return sources;
    }

    /// <summary>The default workflow <paramref name="name"/> with a text replacement applied.</summary>
    public static IReadOnlyList<WorkflowSource> Edited(string name, string from, string to)
    {
        var src = DefaultSources().Single(s => s.Name == name);
        Assert.Contains(from, src.Json);
        var (w, issues) = RuleFileLoader.Parse(src.File, src.Json.Replace(from, to));
        Assert.Empty(issues);
        return w;
    }
}
