using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinerja.Rules.Testing;

/// <summary>
/// A fixture file in <c>rules/tests/</c> (like <c>promtool test rules</c>): cases that give a snapshot
/// and state the events that must fire, must not fire, and the values the rules must set.
/// </summary>
public sealed class RuleFixtureFile
{
    /// <summary>What the file covers (e.g. the DOMAIN.md table it encodes).</summary>
    public string? Description { get; set; }
    /// <summary>
    /// An alternative rule file to run the cases against, relative to the rules folder (e.g.
    /// <c>variants/tpp-jembrana.json</c>): its workflows replace the same-named default ones (<see cref="VariantRuleSet"/>).
    /// Omitted: the folder's own rules.
    /// </summary>
    public string? Rules { get; set; }
    public List<RuleFixtureCase> Tests { get; set; } = [];
}

/// <summary>One fixture case.</summary>
public sealed class RuleFixtureCase
{
    /// <summary>Names the DOMAIN.md row the case encodes.</summary>
    public string Name { get; set; } = "";
    /// <summary>Evaluate only these workflows (a name or a list); omitted: the whole chain for the input.</summary>
    [JsonConverter(typeof(StringOrListConverter))]
    public List<string>? Workflow { get; set; }
    /// <summary>An employee snapshot (camelCase fields, any subset).</summary>
    public JsonElement? Snapshot { get; set; }
    /// <summary>A unit snapshot (for unit workflows such as <c>distribusi</c>).</summary>
    public JsonElement? Unit { get; set; }
    /// <summary>Events (SuccessEvent codes) that must fire.</summary>
    public List<string> Expect { get; set; } = [];
    /// <summary>Events that must not fire.</summary>
    public List<string> MustNotFire { get; set; } = [];
    /// <summary>When true, exactly the <see cref="Expect"/> events fire and nothing else.</summary>
    public bool Exact { get; set; }
    /// <summary>Values the rules must set (null: must not be set).</summary>
    public Dictionary<string, JsonElement>? Values { get; set; }
}

internal sealed class StringOrListConverter : JsonConverter<List<string>?>
{
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => [reader.GetString()!],
            _ => JsonSerializer.Deserialize<List<string>>(ref reader, options),
        };

    public override void Write(Utf8JsonWriter writer, List<string>? value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
