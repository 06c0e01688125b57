using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinerja.Core.Indicators.Live;

/// <summary>The <c>kinerja_events</c> payload: <c>{"nips":[...],"units":[...],"regions":[...]}</c>.</summary>
public sealed record ChangePayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonPropertyName("nips")]
    public string[] Nips { get; init; } = [];

    [JsonPropertyName("units")]
    public string[] Units { get; init; } = [];

    [JsonPropertyName("regions")]
    public string[] Regions { get; init; } = [];

    /// <summary>Parses a payload; null when it is not valid JSON of that shape.</summary>
    public static ChangePayload? TryParse(string payload)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<ChangePayload>(payload, Json);
            return parsed is null ? null : parsed with
            {
                Nips = parsed.Nips ?? [],
                Units = parsed.Units ?? [],
                Regions = parsed.Regions ?? [],
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
