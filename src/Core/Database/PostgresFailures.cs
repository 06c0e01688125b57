using System.Net.Sockets;
using System.Security.Authentication;
using Kinerja.Core.Startup;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// Turns what Npgsql throws while connecting into a reason an operator can act on, and says whether
/// waiting can help: a server that refuses, times out or is still starting may come up (containers start
/// the database late); a wrong password, a missing database or a TLS mismatch will not mend by itself.
/// </summary>
public static class PostgresFailures
{
    private const string Key = "ConnectionStrings:" + KinerjaDatabase.ConnectionStringName;

    public static StartupProblem Classify(Exception exception, DatabaseTarget target)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return FromServer(pg, target);
                case SocketException socket:
                    return FromSocket(socket, target);
                case AuthenticationException tls:
                    return new($"TLS handshake failed ({tls.Message.TrimEnd('.')}); check SSL Mode and the server's certificate", false);
                case TimeoutException:
                    return new("connection timed out (host down, firewall, or wrong address?)", true);
            }
        }
        var message = FirstLine(exception.Message);
        if (message.Contains("No password has been provided", StringComparison.Ordinal))
        {
            return new($"the server asks for a password and none is set; add Password to {Key}", false);
        }
        if (message.Contains("SSL", StringComparison.Ordinal) || message.Contains("TLS", StringComparison.Ordinal))
        {
            return new($"TLS problem ({message.TrimEnd('.')}); check SSL Mode in {Key}", false);
        }
        if (exception is NpgsqlException && HasInner<IOException>(exception))
        {
            return new("the server closed the connection while signing in (is it a PostgreSQL server, and is it starting?)", true);
        }
        return new(message.TrimEnd('.'), false);
    }

    private static StartupProblem FromServer(PostgresException pg, DatabaseTarget target) => pg.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword =>
            new($"password authentication failed (28P01); check Username and Password in {Key}", false),
        PostgresErrorCodes.InvalidAuthorizationSpecification =>
            new($"the server refused this user, database or client address (28000: {pg.MessageText}); check the user and the server's pg_hba.conf", false),
        PostgresErrorCodes.InvalidCatalogName =>
            new($"database \"{target.Database}\" does not exist (3D000); create it (createdb -O {target.User} {target.Database}) or fix Database in {Key}", false),
        PostgresErrorCodes.CannotConnectNow =>
            new($"the server is not accepting connections yet (57P03: {pg.MessageText})", true),
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown =>
            new($"the server is shutting down ({pg.SqlState}: {pg.MessageText})", true),
        PostgresErrorCodes.TooManyConnections =>
            new($"too many connections (53300: {pg.MessageText})", true),
        PostgresErrorCodes.InsufficientPrivilege =>
            new($"permission denied (42501: {pg.MessageText}); grant CONNECT on the database to \"{target.User}\"", false),
        _ => new($"{pg.MessageText.TrimEnd('.')} ({pg.SqlState})", false),
    };

    private static StartupProblem FromSocket(SocketException socket, DatabaseTarget target) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused =>
            new("connection refused (nothing listens there: is PostgreSQL running, and on that port?)", true),
        SocketError.HostNotFound or SocketError.NoData =>
            new($"host name \"{target.Host}\" could not be resolved", true),
        SocketError.TryAgain =>
            new($"host name \"{target.Host}\" could not be resolved (temporary DNS failure)", true),
        SocketError.TimedOut =>
            new("connection timed out (host down, firewall, or wrong address?)", true),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown =>
            new("host unreachable (no route to it)", true),
        SocketError.ConnectionReset or SocketError.ConnectionAborted =>
            new("connection reset by the server", true),
        _ => new($"network error ({socket.SocketErrorCode}: {FirstLine(socket.Message)})", false),
    };

    private static bool HasInner<T>(Exception e)
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x is T)
            {
                return true;
            }
        }
        return false;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
