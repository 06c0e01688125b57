namespace Kinerja.Core.Startup;

/// <summary>Exit codes of a failed start (server and CLI verbs alike), after BSD sysexits.h.</summary>
public static class StartupExitCodes
{
    /// <summary>Any other start-up failure (the line says what; the stack trace needs a Debug log level).</summary>
    public const int Failed = 1;

    /// <summary>A service the process needs could not be used: PostgreSQL, the embedded cluster, Redis, or the listening address (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>A setting is invalid (EX_CONFIG).</summary>
    public const int Configuration = 78;
}
