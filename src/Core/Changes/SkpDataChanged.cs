using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary>
/// <c>kinerja_skp</c>: an SKP import committed (plans, realisations, units' IKU targets or realisations), from any process
/// (the HTTP import or the command line). Says which screens to tell and nothing else: the employee groups to hint once
/// each (<see cref="Employees"/>), and the units whose boards re-read their panels (<see cref="Units"/>). A split import
/// names each group and each unit in one payload only, so every screen is told once per import.
/// </summary>
public sealed record SkpDataChanged : IChangeMessage<SkpDataChanged>
{
    public static string Channel => ChangeChannels.Skp;

    [JsonPropertyName("employees")]
    public SkpHint[] Employees { get; init; } = [];

    [JsonPropertyName("units")]
    public SkpUnit[] Units { get; init; } = [];
}

/// <summary>
/// One <c>employee:{nip}</c> group to hint: <see cref="Nip"/> is the group's employee, <see cref="About"/> the employee the
/// hint names when it is someone else (the first of their reports whose SKP changed; absent when their own did).
/// </summary>
public sealed record SkpHint(
    [property: JsonPropertyName("nip")] string Nip,
    [property: JsonPropertyName("about"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? About = null);

/// <summary>A unit whose board panels (IKU attainment, SKP monitoring) changed, with its region.</summary>
public sealed record SkpUnit(
    [property: JsonPropertyName("region")] string RegionId,
    [property: JsonPropertyName("unit")] string UnitId);

/// <summary>
/// What one accepted import row touched: the employee whose SKP changed and their direct superior (both null for a unit's
/// IKU), and the unit and region whose boards show it.
/// </summary>
public readonly record struct SkpTouch(string? Nip, string? SuperiorNip, string RegionId, string UnitId);
