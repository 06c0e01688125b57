using Kinerja.Core.Startup;

namespace Kinerja.Embedded;

/// <summary>Thrown when the PostgreSQL server binaries cannot be found; the message is one line for the user.</summary>
public sealed class PostgresNotInstalledException(string message) : StartupFailedException(message)
{
    public const string Advice =
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under /usr/lib/postgresql/*/bin: " +
        "install them with 'apt-get install postgresql', set Kinerja:Postgres:BinDir, " +
        "or point ConnectionStrings:Kinerja at an existing server.";
}
