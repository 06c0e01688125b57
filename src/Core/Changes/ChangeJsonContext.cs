using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary>Source-generated JSON for every change-feed message (no reflection per notification).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EventsChanged))]
[JsonSerializable(typeof(LevelsChanged))]
[JsonSerializable(typeof(TriggersAdded))]
[JsonSerializable(typeof(RulesPublished))]
[JsonSerializable(typeof(AccessChanged))]
[JsonSerializable(typeof(SkpDataChanged))]
internal sealed partial class ChangeJsonContext : JsonSerializerContext;
