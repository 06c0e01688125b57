using System.CommandLine;
using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Cli;

/// <summary>What <c>--help</c> prints besides the commands: how to start the server, its main settings, the path rule, exit codes.</summary>
internal static class CliHelp
{
    private static readonly string[] HelpTokens = ["--help", "-h", "-?", "/h", "/?"];

    public static bool IsHelpToken(string arg) => HelpTokens.Contains(arg);

    /// <summary>What a user types, from the repository root, to run the binary with arguments.</summary>
    public const string Invocation = "dotnet run --project src/Dashboard --";

    /// <summary>
    /// System.CommandLine starts each usage line with the executable's name (<c>Kinerja.Dashboard import ...</c>),
    /// which is not something a user can type; this puts <see cref="Invocation"/> in its place.
    /// </summary>
    public static string WithInvocation(string help) =>
        Regex.Replace(help, $@"(?m)^(\s+){Regex.Escape(RootCommand.ExecutableName)}(?=\s|$)", "${1}" + Invocation);

    public const string Description = """
        Kinerja Analytics: the server and its command-line tools, in one binary.
        From the repository root: dotnet run --project src/Dashboard -- <command> [options]
        """;

    /// <summary>Printed after the root command's help.</summary>
    public const string Server = """
        The server:
          With no command the server starts: dotnet run --project src/Dashboard [-- --Key=value ...]
          Every role (ingest, rules, dashboard) in one process on http://127.0.0.1:5080, with an embedded
          PostgreSQL cluster and demo data unless ConnectionStrings:Kinerja is set.

        Settings (src/Dashboard/appsettings.json, environment Kinerja__Roles=ingest, or --Kinerja:Roles=ingest;
        the commands take them too, e.g. --ConnectionStrings:Kinerja=...; the full list is in README.md):
          ConnectionStrings:Kinerja  use this PostgreSQL server; then no cluster is started
          Urls                       where the server listens (http://127.0.0.1:5080)
          Kinerja:Roles              roles of this process (ingest,rules,dashboard)
          Kinerja:Postgres:DataDir   embedded cluster folder (src/Dashboard/.kinerja/pg in a checkout)
          Kinerja:RulesPath          rules folder (the repository's rules/)
          Kinerja:Demo:Seed          seed demo regions, units and users (on with the embedded cluster)
          Kinerja:Demo:Simulate      stream simulated events (on with the embedded cluster)
          Kinerja:Redis              SignalR Redis backplane for several dashboard instances

        Paths:
          A path you type (a file, a folder, --rules, a relative --Key=value path) is taken from the folder
          you run the command in. Unset, the data and rules folders are the ones above, wherever you run from.

        Logging:
          Standard output carries only a command's result. --verbose writes the host's log lines to standard
          error; so does an explicit level (--Logging:LogLevel:Default=Debug).
        """;
}
