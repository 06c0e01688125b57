using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary>
/// <c>kinerja_levels</c>: the rules stored new leveled values. Each entry carries the values themselves, so a
/// listener updates its copy without reading the rows back. A rule output: it never triggers a rule evaluation.
/// </summary>
public sealed record LevelsChanged : IChangeMessage<LevelsChanged>
{
    public static string Channel => ChangeChannels.Levels;

    [JsonPropertyName("levels")]
    public LevelChange[] Levels { get; init; } = [];
}

/// <summary>The stored levels of one employee and period (<c>employee_period_level</c>).</summary>
public sealed record LevelChange(
    [property: JsonPropertyName("nip")] string Nip,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("hasil")] string? RatingHasilKerja,
    [property: JsonPropertyName("perilaku")] string? RatingPerilaku,
    [property: JsonPropertyName("predikat")] string? Predikat);
