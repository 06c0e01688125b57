using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Issue 22: triggers of one compiled rule share their rule fields (kind, code, workflow, version, rule, action, actor,
/// due days, description) in one object. A trigger still behaves as a record of its fields: built by an initializer or
/// by the engine it compares, hashes and prints field by field, and <c>with</c> changes only the copy.
/// </summary>
public class TriggerRecordTests
{
    private static readonly IndicatorSnapshot Snapshot = new()
    {
        Nip = "198501012010011001",
        UnitId = "unit-1",
        RegionId = "pematangsiantar",
        Period = "2026-10",
        TksDaysYtd = 3, // PP 94/2021: 3 days TKS in a year -> teguran lisan (DOMAIN.md, disiplin)
    };

    private static Trigger Fired() => DefaultRules.Set.Evaluate(Snapshot).Triggers.Single(t => t.Code == "TEGURAN_LISAN");

    [Fact]
    public void EngineTrigger_EqualsTheSameFieldsWrittenByHand()
    {
        var fired = Fired();
        var rule = DefaultRules.Set.Workflows["disiplin"].Rules.Single(r => r.Event == "TEGURAN_LISAN");
        var byHand = new Trigger
        {
            Kind = "SANCTION",
            Code = "TEGURAN_LISAN",
            Subject = Snapshot.Nip,
            IsUnit = false,
            Period = "2026-10",
            Workflow = "disiplin",
            Version = fired.Version,
            Rule = rule.Name,
            Inputs = fired.Inputs,
            UnitId = "unit-1",
            RegionId = "pematangsiantar",
            Action = rule.ActionText,
            Actor = rule.Actor,
            DueDays = rule.DueDays,
            Description = rule.Description,
        };

        Assert.Equal(byHand, fired);
        Assert.Equal(byHand.GetHashCode(), fired.GetHashCode());
        Assert.Equal(byHand.ToString(), fired.ToString());
        Assert.Contains("Kind = SANCTION", fired.ToString(), StringComparison.Ordinal);
        Assert.Equal("pejabat_berwenang", fired.Actor);
    }

    [Fact]
    public void With_ChangesOnlyTheCopy_NotTheOtherTriggersOfTheRule()
    {
        var first = Fired();
        var second = Fired(); // the same rule fired again: shares the rule fields with the first

        var changed = first with { Code = "TEGURAN_TERTULIS", DueDays = 3 };

        Assert.Equal(("TEGURAN_TERTULIS", (int?)3), (changed.Code, changed.DueDays));
        Assert.Equal(("TEGURAN_LISAN", (int?)null), (first.Code, first.DueDays));
        Assert.Equal(("TEGURAN_LISAN", (int?)null), (second.Code, second.DueDays));
        Assert.Equal((first.Kind, first.Workflow, first.Rule, first.Subject), (changed.Kind, changed.Workflow, changed.Rule, changed.Subject));
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public void TriggersOfOneRule_DifferingOnlyInSubject_AreNotEqual()
    {
        var one = Fired();
        var other = DefaultRules.Set.Evaluate(Snapshot with { Nip = "198501012010011002" }).Triggers.Single(t => t.Code == "TEGURAN_LISAN");

        Assert.NotEqual(one, other);
        Assert.Equal((one.Kind, one.Code, one.Workflow, one.Version, one.Rule, one.Action, one.Actor, one.DueDays, one.Description),
            (other.Kind, other.Code, other.Workflow, other.Version, other.Rule, other.Action, other.Actor, other.DueDays, other.Description));
    }
}
