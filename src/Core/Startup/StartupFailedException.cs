namespace Kinerja.Core.Startup;

/// <summary>
/// Start-up cannot go on because something the process needs (PostgreSQL, the embedded cluster, Redis,
/// a setting) is missing or unusable. <see cref="Exception.Message"/> is one line for the operator
/// naming what failed and what to do; the host prints it as <c>error: ...</c> on stderr, without a
/// stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public class StartupFailedException(string message, int exitCode = StartupExitCodes.Unavailable, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The process exit code (<see cref="StartupExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;
}
