using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary><c>kinerja_rules</c>: rule versions were made active (<see cref="Action"/> <c>publish</c> or <c>rollback</c>).</summary>
public sealed record RulesPublished : IChangeMessage<RulesPublished>
{
    public static string Channel => ChangeChannels.Rules;

    [JsonPropertyName("action")]
    public string Action { get; init; } = "";

    /// <summary>Workflow name → the version now active.</summary>
    [JsonPropertyName("versions")]
    public Dictionary<string, int> Versions { get; init; } = [];
}
