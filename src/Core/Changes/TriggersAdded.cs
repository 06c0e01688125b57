using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary><c>kinerja_triggers</c>: the rules stored triggers for the first time (ids of <c>trigger</c> rows).</summary>
public sealed record TriggersAdded : IChangeMessage<TriggersAdded>
{
    public static string Channel => ChangeChannels.Triggers;

    [JsonPropertyName("ids")]
    public long[] Ids { get; init; } = [];
}
