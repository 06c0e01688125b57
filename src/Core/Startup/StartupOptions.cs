using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Kinerja.Core.Startup;

/// <summary>
/// How long start-up waits for what it needs (section <c>Kinerja:Startup</c>). Values are seconds
/// (<c>60</c>, <c>2.5</c>) or a time span (<c>00:01:00</c>).
/// </summary>
public sealed record StartupOptions(TimeSpan Timeout, TimeSpan MigrationLockTimeout)
{
    public const string TimeoutKey = "Kinerja:Startup:Timeout";
    public const string MigrationLockTimeoutKey = "Kinerja:Startup:MigrationLockTimeout";

    /// <summary>Total wait for PostgreSQL (and Redis, when configured) to accept connections; 0 = one attempt.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Wait for the migration lock that another starting process holds while it migrates.</summary>
    public static readonly TimeSpan DefaultMigrationLockTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public static StartupOptions Default { get; } = new(DefaultTimeout, DefaultMigrationLockTimeout);

    /// <summary>Reads and validates the settings; a bad value is a <see cref="StartupFailedException"/> naming the key.</summary>
    public static StartupOptions From(IConfiguration configuration) => new(
        Read(configuration, TimeoutKey, DefaultTimeout),
        Read(configuration, MigrationLockTimeoutKey, DefaultMigrationLockTimeout));

    private static TimeSpan Read(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var raw = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }
        TimeSpan value;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && Math.Abs(seconds) <= Longest.TotalSeconds)
        {
            value = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out value))
        {
            throw Invalid(key, raw);
        }
        return value >= TimeSpan.Zero && value <= Longest ? value : throw Invalid(key, raw);
    }

    private static StartupFailedException Invalid(string key, string raw) => new(
        $"{key} must be a duration from 0 to 1 day, in seconds (60) or as hh:mm:ss (00:01:00), not '{raw}'",
        StartupExitCodes.Configuration);
}
