using System.Text.Json.Serialization;

namespace Kinerja.Core.Changes;

/// <summary><c>kinerja_access</c>: users, grants or source keys changed; every process drops its cached copies.</summary>
public sealed record AccessChanged : IChangeMessage<AccessChanged>
{
    public static string Channel => ChangeChannels.Access;

    /// <summary>What changed, for the log (e.g. <c>user</c>, <c>key</c>).</summary>
    [JsonPropertyName("what")]
    public string What { get; init; } = "";
}
