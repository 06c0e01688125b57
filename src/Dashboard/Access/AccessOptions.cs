namespace Kinerja.Dashboard.Access;

/// <summary>Access settings (<c>Kinerja:Access</c>). Lockout lives in <c>Kinerja:Access:Lockout</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Kinerja:Access";

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long users, grants and keys are cached per process (changes also clear caches at once via NOTIFY).</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often every open hub connection of a process is re-checked against current access (disabled users, ended
    /// sessions, removed grants, moved superiors), on top of the re-check at each access change and after the change
    /// feed reconnects: the safety net for a lost notification.
    /// </summary>
    public TimeSpan LiveRecheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body for endpoints that do not set their own limit (ingest sets its own).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Ingest requests a source may make per second (token bucket refill), and the burst on top.</summary>
    public int IngestRequestsPerSecond { get; set; } = 50;

    public int IngestBurst { get; set; } = 100;

    /// <summary>How many days a one-time activation code of a provisioned pegawai account stays valid.</summary>
    public int ActivationCodeDays { get; set; } = 14;

    /// <summary>Login attempts (POST /masuk, POST /aktivasi) per remote address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Writes a signed-in account may make per minute (activities, reviews, ratings, feedback notes), one budget per account.</summary>
    public int AccountWritesPerMinute { get; set; } = 60;

    /// <summary>
    /// Content-Security-Policy for every response except the API reference UI: this origin only, no inline script or
    /// style, images also from blob: (the boards' SVG charts) and data:. Kiosk screens get <c>frame-ancestors 'self'</c>
    /// in place of <c>frame-ancestors 'none'</c>.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Trusted reverse proxies (IP addresses) whose X-Forwarded-For/-Proto are believed. Empty: none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Trusted proxy networks in CIDR notation (e.g. 10.0.0.0/8).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
