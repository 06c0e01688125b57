namespace Kinerja.Dashboard.Access;

/// <summary>Claim types and scheme names of the access module.</summary>
public static class AccessClaims
{
    /// <summary>The user's security stamp at sign-in (sessions end when it changes).</summary>
    public const string Stamp = "kinerja:stamp";

    /// <summary>Set on pegawai sessions: the employee's NIP (18 digits).</summary>
    public const string Nip = "kinerja:nip";

    /// <summary>Set on ingest sources: the source id.</summary>
    public const string SourceId = "kinerja:source";

    /// <summary>Set on ingest sources, one per scope entry (<c>region:{id}</c> / <c>unit:{id}</c>).</summary>
    public const string Scope = "kinerja:scope";

    public const string CookieScheme = "KinerjaCookie";
    public const string ApiKeyScheme = "KinerjaApiKey";
    public const string SelectorScheme = "Kinerja";

    public const string ApiKeyHeader = "X-Api-Key";
}
