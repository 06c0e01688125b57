using System.Net.Sockets;
using Kinerja.Core.Startup;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// Where a connection string points, for messages: host, port, database and user, never the password.
/// </summary>
public sealed record DatabaseTarget(string Host, int Port, string Database, string User)
{
    /// <summary>Reads a connection string; one that does not parse is a configuration error naming the key.</summary>
    public static DatabaseTarget Of(string connectionString)
    {
        NpgsqlConnectionStringBuilder b;
        try
        {
            b = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StartupFailedException(
                $"ConnectionStrings:{KinerjaDatabase.ConnectionStringName} is not a valid PostgreSQL connection string " +
                $"({ex.Message.Split('\n')[0].Trim()}); the form is Host=...;Port=5432;Database=...;Username=...;Password=... " +
                "(quote a value that contains ';')", StartupExitCodes.Configuration, ex);
        }
        var user = b.Username ?? Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName;
        return new DatabaseTarget(
            b.Host ?? Environment.GetEnvironmentVariable("PGHOST") ?? "localhost",
            b.Port,
            b.Database ?? Environment.GetEnvironmentVariable("PGDATABASE") ?? user,
            user);
    }

    /// <summary><c>host:port</c>; an IPv6 literal in brackets, a Unix socket folder or host list with the port apart.</summary>
    public string Address => Host switch
    {
        _ when Host.StartsWith('/') => $"{Host} (Unix socket, port {Port})",
        _ when Host.Contains(',') => $"{Host} (port {Port})",
        _ when System.Net.IPAddress.TryParse(Host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 => $"[{Host}]:{Port}",
        _ => $"{Host}:{Port}",
    };

    public override string ToString() => $"PostgreSQL at {Address}, database \"{Database}\", user \"{User}\"";
}
