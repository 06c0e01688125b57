namespace Kinerja.Core.Changes;

/// <summary>
/// Names of the NOTIFY channels. Inputs (<see cref="Events"/>) and the rules' outputs (<see cref="Levels"/>,
/// <see cref="Triggers"/>) are apart, so what the rules write never wakes the recompute of their inputs.
/// </summary>
public static class ChangeChannels
{
    /// <summary>Input events were committed (<see cref="EventsChanged"/>): indicators recompute, rules re-evaluate.</summary>
    public const string Events = "kinerja_events";

    /// <summary>The rules stored new leveled values (<see cref="LevelsChanged"/>): a rule output, never re-evaluated.</summary>
    public const string Levels = "kinerja_levels";

    /// <summary>The rules stored new triggers (<see cref="TriggersAdded"/>): a rule output for the screens.</summary>
    public const string Triggers = "kinerja_triggers";

    /// <summary>A rules version was published or rolled back (<see cref="RulesPublished"/>).</summary>
    public const string Rules = "kinerja_rules";

    /// <summary>Users, grants or source keys changed (<see cref="AccessChanged"/>).</summary>
    public const string Access = "kinerja_access";

    /// <summary>An SKP import committed (<see cref="SkpDataChanged"/>): the employee and board screens it concerns re-read.</summary>
    public const string Skp = "kinerja_skp";
}
