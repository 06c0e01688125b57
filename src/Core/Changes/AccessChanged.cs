using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary><c>kinerja_access</c>: users, grants or source keys changed; every process drops its cached copies.</summary>
public sealed record AccessChanged : IChangeMessage<AccessChanged>
{
    public static string Channel => ChangeChannels.Access;

    /// <summary>What changed, for the log (e.g. <c>user</c>, <c>key</c>).</summary>
    [JsonPropertyName("what")]
    public string What { get; init; } = "";

    /// <summary>
    /// The ids of the users (<c>app_user.id</c>) the change is about, when it is about named users only (a disable, a
    /// grant, a password); null when anyone may be affected (a reference import moves superiors, a source key).
    /// </summary>
    [JsonPropertyName("users")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long[]? Users { get; init; }
}
