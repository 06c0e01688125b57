namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// Several dashboard instances (<c>Kinerja:Redis</c>, <c>Kinerja:RedisPrefix</c>). Unset <see cref="Redis"/>
/// = one instance, no backplane: the process pushes to its own screens, as always.
/// </summary>
public sealed class BoardClusterOptions
{
    public const string RedisKey = "Kinerja:Redis";
    public const string PrefixKey = "Kinerja:RedisPrefix";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis-1:6379,password=…</c>; null = no backplane.</summary>
    public string? Redis { get; init; }

    /// <summary>Channel and key prefix of this deployment, so several deployments can share one Redis.</summary>
    public string Prefix { get; init; } = "kinerja";

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    public static BoardClusterOptions From(IConfiguration config) => new()
    {
        Redis = config[RedisKey],
        Prefix = string.IsNullOrWhiteSpace(config[PrefixKey]) ? "kinerja" : config[PrefixKey]!.Trim(),
    };
}
