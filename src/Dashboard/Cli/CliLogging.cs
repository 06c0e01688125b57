using Microsoft.Extensions.Logging.Console;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// Log output of a CLI verb. Standard output carries only the verb's result, so log lines, when there are any,
/// go to standard error; by default there are none. <c>--verbose</c> turns on the Information level; an explicit
/// <c>Logging:LogLevel:*</c> setting (command line or environment) is honoured as given.
/// </summary>
internal static class CliLogging
{
    public const string VerboseFlag = "--verbose";

    /// <summary>What <see cref="VerboseFlag"/> stands for: an explicit log level setting.</summary>
    public const string VerboseSetting = "--Logging:LogLevel:Default=Information";

    /// <summary>
    /// Applies the defaults to a verb's host. Call before the command-line arguments are (re-)added, so they sit
    /// above these defaults.
    /// </summary>
    public static void Configure(HostApplicationBuilder builder, string[] configArgs)
    {
        var quiet = !IsExplicit(configArgs);
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:Console:LogToStandardErrorThreshold"] = nameof(LogLevel.Trace),
        };
        if (quiet)
        {
            // Read also by the embedded cluster's start-up logger, which is not one of this host's loggers.
            defaults["Logging:LogLevel:Default"] = nameof(LogLevel.None);
        }
        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddEnvironmentVariables();
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (quiet)
        {
            builder.Logging.ClearProviders();
        }
    }

    private static bool IsExplicit(string[] configArgs) =>
        configArgs.Any(a => a.TrimStart('-', '/').StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Any(k => k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase));
}
