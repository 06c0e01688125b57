using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary>
/// <c>kinerja_events</c>: input events were committed. Names the employees touched, and the units and regions they
/// (or unit-level events such as citizen ratings) belong to. A message naming only regions asks for those regions
/// to be reloaded (e.g. after a reference-data change).
/// </summary>
public sealed record EventsChanged : IChangeMessage<EventsChanged>
{
    public static string Channel => ChangeChannels.Events;

    [JsonPropertyName("nips")]
    public string[] Nips { get; init; } = [];

    [JsonPropertyName("units")]
    public string[] Units { get; init; } = [];

    [JsonPropertyName("regions")]
    public string[] Regions { get; init; } = [];
}

/// <summary>What one accepted input touched: the employee (null for a unit-level event), the unit and the region.</summary>
public readonly record struct EventTouch(string? Nip, string Unit, string Region);
