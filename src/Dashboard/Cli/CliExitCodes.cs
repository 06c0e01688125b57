namespace Kinerja.Dashboard.Cli;

/// <summary>Exit codes of every CLI verb (printed by <c>--help</c>; README "Command line").</summary>
public static class CliExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found problems: invalid rules, failing fixtures, rule errors, rejected rows, a refused request.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments (unknown command or option, missing argument), or a file or folder that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>The database could not be reached (sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = Kinerja.Core.Startup.StartupExitCodes.Unavailable;

    /// <summary>A setting is invalid (sysexits EX_CONFIG).</summary>
    public const int Configuration = Kinerja.Core.Startup.StartupExitCodes.Configuration;

    /// <summary>The table as <c>--help</c> prints it.</summary>
    public const string Table = """
        Exit codes:
          0   done
          1   the command ran and found problems: invalid rules, failing fixtures, rule errors,
              rejected rows (written to <file>.rejected.csv), a refused request (unknown user, weak password ...)
          2   bad arguments, or a file or folder that cannot be read (missing, unreadable, malformed)
          69  the database could not be reached (at start, or for 5 minutes during an import)
          78  a setting is invalid
        """;
}
