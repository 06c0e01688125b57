namespace Kinerja.Rules.Store;

/// <summary>
/// One row of <c>workflow_schedule</c>: <paramref name="Version"/> of <paramref name="Workflow"/> applies from
/// <paramref name="EffectiveFrom"/> (<c>YYYY-MM</c>) on, unless a later entry (higher <paramref name="Id"/>) of the same
/// workflow applies from a month at or before the evaluated one.
/// </summary>
public sealed record ScheduleEntry(long Id, string Workflow, int Version, string EffectiveFrom, string Author, DateTime CreatedAt);
