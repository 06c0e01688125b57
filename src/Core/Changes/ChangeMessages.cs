using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kinerja.Core.Changes;

/// <summary>
/// The one serializer and parser of change-feed payloads. Payloads are JSON with every non-ASCII character
/// escaped, so their length in bytes is their length in characters whatever the server's encoding.
/// </summary>
public static class ChangeMessages
{
    /// <summary>Serializes a message (one payload; <see cref="ChangeSplitter"/> keeps it under the NOTIFY limit).</summary>
    public static string Serialize<T>(T message) where T : class, IChangeMessage<T> =>
        JsonSerializer.Serialize(message, Info<T>());

    /// <summary>Parses a payload of <paramref name="channel"/>; null for an unknown channel or a malformed payload.</summary>
    public static IChangeMessage? TryParse(string channel, string payload)
    {
        try
        {
            return channel switch
            {
                ChangeChannels.Events => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.EventsChanged) is { } e
                    ? e with { Nips = e.Nips ?? [], Units = e.Units ?? [], Regions = e.Regions ?? [] }
                    : null,
                ChangeChannels.Levels => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.LevelsChanged) is { } l
                    ? l with { Levels = (l.Levels ?? []).Where(v => v?.Nip is not null && v.Period is not null).ToArray() }
                    : null,
                ChangeChannels.Triggers => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.TriggersAdded) is { } t
                    ? t with { Triggers = (t.Triggers ?? []).Where(v => v?.UnitId is not null && v.RegionId is not null).ToArray() }
                    : null,
                ChangeChannels.Rules => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.RulesPublished) is { } r
                    ? r with { Action = r.Action ?? "", Versions = r.Versions ?? [] }
                    : null,
                ChangeChannels.Access => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.AccessChanged) is { } a
                    ? a with { What = a.What ?? "" }
                    : null,
                ChangeChannels.Skp => JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.SkpDataChanged) is { } s
                    ? s with
                    {
                        Employees = (s.Employees ?? []).Where(h => h?.Nip is not null).ToArray(),
                        Units = (s.Units ?? []).Where(u => u?.RegionId is not null && u.UnitId is not null).ToArray(),
                    }
                    : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonTypeInfo<T> Info<T>() where T : class, IChangeMessage<T> =>
        (JsonTypeInfo<T>)(ChangeJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(ChangeJsonContext)}"));
}
