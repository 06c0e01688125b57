using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Live;

namespace Kinerja.Rules.Tests;

/// <summary>What the live evaluator remembers decides what it evaluates and writes again (no database here).</summary>
public sealed class EvaluationMemoryTests
{
    private static readonly CompiledRuleSet Set = Compile();

    private static CompiledRuleSet Compile()
    {
        var (set, issues) = Kinerja.Rules.Compilation.RuleSetCompiler.Compile(RulesServiceHarness.DefaultSources());
        Assert.Empty(issues);
        return set!;
    }

    private static IndicatorSnapshot Snap(string nip, int minutes) => new() { Nip = nip, Period = "2026-03", ActivityMinutes = minutes };

    private static EvaluationOutcome Outcome(string nip, string? predikat) => new()
    {
        Subject = nip, IsUnit = false, Period = "2026-03",
        Values = new Dictionary<string, object?> { ["predikat"] = predikat },
    };

    private static Trigger Fired(string nip, string rule) => new()
    {
        Kind = "COACHING", Code = "UJI", Subject = nip, IsUnit = false, Period = "2026-03", Workflow = "uji", Version = 1,
        Rule = rule, Inputs = new Dictionary<string, object?>(),
    };

    [Fact]
    public void Moved_SameSnapshotAgain_IsSkippedAndAChangedOneIsNot()
    {
        var memory = new EvaluationMemory();
        memory.Use(Set);
        memory.Evaluated([Snap("a", 10), Snap("b", 10)], []);

        var moved = memory.Moved([Snap("a", 10), Snap("b", 11), Snap("c", 0)]);

        Assert.Equal(["b", "c"], moved.Select(s => s.Nip));
    }

    [Fact]
    public void Moved_AfterANewRuleSetOrClear_EveryoneAgain()
    {
        var memory = new EvaluationMemory();
        memory.Use(Set);
        memory.Evaluated([Snap("a", 10)], []);
        memory.Use(Set);
        Assert.Empty(memory.Moved([Snap("a", 10)]));

        memory.Use(Compile()); // a publish swaps in a new compiled set
        Assert.Single(memory.Moved([Snap("a", 10)]));

        memory.Evaluated([Snap("a", 10)], []);
        memory.Clear();
        Assert.Single(memory.Moved([Snap("a", 10)]));
    }

    [Fact]
    public void LevelsToSave_OnlyChangedOrUnsavedLevels()
    {
        var memory = new EvaluationMemory();
        memory.LevelsSaved([Outcome("a", "BAIK"), Outcome("b", "BAIK")]);

        var toSave = memory.LevelsToSave([Outcome("a", "BAIK"), Outcome("b", "SANGAT_BAIK"), Outcome("c", "BAIK")]);

        Assert.Equal(["b", "c"], toSave.Select(o => o.Subject));
    }

    [Fact]
    public void StoredTriggerKeys_KnownKeysAreNotSentAgainAndDuplicatesOnce()
    {
        var keys = new StoredTriggerKeys();
        keys.Stored([Fired("a", "r1")]);

        var unknown = keys.Unknown([Fired("a", "r1"), Fired("a", "r2"), Fired("a", "r2"), Fired("b", "r1")]);

        Assert.Equal([("a", "r2"), ("b", "r1")], unknown.Select(t => (t.Subject, t.Rule)));
    }
}
