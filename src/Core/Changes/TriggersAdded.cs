using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary>
/// <c>kinerja_triggers</c>: the rules stored triggers for the first time, each with what a trigger feed shows (the
/// employee's and the unit's names, the region), read in the same statement that inserted them, so a listener
/// pushes them without reading the rows back. Names and NIPs stay between PostgreSQL and the processes: the feeds
/// send them only to region and unit groups, never to <c>public:*</c> (DESIGN.md, access and privacy).
/// </summary>
public sealed record TriggersAdded : IChangeMessage<TriggersAdded>
{
    public static string Channel => ChangeChannels.Triggers;

    [JsonPropertyName("triggers")]
    public AddedTrigger[] Triggers { get; init; } = [];
}

/// <summary>One new trigger as the feeds show it; <see cref="UnitId"/> is the employee's unit for an employee trigger.</summary>
public sealed record AddedTrigger
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("kind")] public string Kind { get; init; } = "";
    [JsonPropertyName("code")] public string Code { get; init; } = "";
    [JsonPropertyName("nip")] public string? Nip { get; init; }
    [JsonPropertyName("employeeName")] public string? EmployeeName { get; init; }
    [JsonPropertyName("unitId")] public string UnitId { get; init; } = "";
    [JsonPropertyName("unitName")] public string UnitName { get; init; } = "";
    [JsonPropertyName("regionId")] public string RegionId { get; init; } = "";
    [JsonPropertyName("period")] public string Period { get; init; } = "";
    [JsonPropertyName("workflow")] public string Workflow { get; init; } = "";
    [JsonPropertyName("version")] public int Version { get; init; }
    [JsonPropertyName("rule")] public string Rule { get; init; } = "";
    [JsonPropertyName("firedAt")] public DateTimeOffset FiredAt { get; init; }
}
