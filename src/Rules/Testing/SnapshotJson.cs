using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinerja.Rules.Testing;

/// <summary>
/// JSON options for snapshots given to <c>rules eval</c>, fixtures and the test API: camelCase
/// (case-insensitive) names, any subset of fields, unknown fields rejected so a typo cannot pass silently.
/// </summary>
public static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Options for printing results (indented, camelCase).</summary>
    public static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };
}
