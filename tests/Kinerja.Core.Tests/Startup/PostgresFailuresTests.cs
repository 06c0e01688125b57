using System.Net.Sockets;
using System.Security.Authentication;
using Kinerja.Core.Database;
using Kinerja.Core.Startup;
using Npgsql;

namespace Kinerja.Core.Tests.Startup;

public sealed class PostgresFailuresTests
{
    private static readonly DatabaseTarget Target = DatabaseTarget.Of("Host=db.example;Port=6432;Database=kinerja;Username=app;Password=s3cret");

    [Fact]
    public void Target_NamesHostPortDatabaseUser_NeverThePassword()
    {
        Assert.Equal("PostgreSQL at db.example:6432, database \"kinerja\", user \"app\"", Target.ToString());
        Assert.Equal("[::1]:5432", DatabaseTarget.Of("Host=::1;Username=u;Database=d").Address);
        Assert.Equal("/run/postgresql (Unix socket, port 5432)", DatabaseTarget.Of("Host=/run/postgresql;Username=u;Database=d").Address);
    }

    [Fact]
    public void MalformedConnectionString_ConfigurationFailure()
    {
        var ex = Assert.Throws<StartupFailedException>(() => DatabaseTarget.Of("Hots=db;Username=u"));
        Assert.Equal(StartupExitCodes.Configuration, ex.ExitCode);
        Assert.StartsWith("ConnectionStrings:Kinerja is not a valid PostgreSQL connection string", ex.Message);
    }

    [Theory]
    [InlineData("28P01", "password authentication failed (28P01)", false)]
    [InlineData("28000", "the server refused this user, database or client address (28000", false)]
    [InlineData("3D000", "database \"kinerja\" does not exist (3D000); create it (createdb -O app kinerja)", false)]
    [InlineData("57P03", "the server is not accepting connections yet (57P03", true)]
    [InlineData("53300", "too many connections (53300", true)]
    [InlineData("42501", "permission denied (42501", false)]
    public void ServerErrors(string sqlState, string reason, bool retryable)
    {
        var problem = PostgresFailures.Classify(new PostgresException("message", "FATAL", "FATAL", sqlState), Target);
        Assert.StartsWith(reason, problem.Reason);
        Assert.Equal(retryable, problem.Retryable);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused", true)]
    [InlineData(SocketError.HostNotFound, "host name \"db.example\" could not be resolved", true)]
    [InlineData(SocketError.TimedOut, "connection timed out", true)]
    [InlineData(SocketError.HostUnreachable, "host unreachable", true)]
    public void NetworkErrors_WaitingCanHelp(SocketError error, string reason, bool retryable)
    {
        var problem = PostgresFailures.Classify(new NpgsqlException("Failed to connect", new SocketException((int)error)), Target);
        Assert.StartsWith(reason, problem.Reason);
        Assert.Equal(retryable, problem.Retryable);
    }

    [Fact]
    public void Timeout_Retryable()
    {
        var problem = PostgresFailures.Classify(new NpgsqlException("Exception while connecting", new TimeoutException()), Target);
        Assert.Equal(("connection timed out (host down, firewall, or wrong address?)", true), (problem.Reason, problem.Retryable));
    }

    [Fact]
    public void TlsHandshake_NotRetryable()
    {
        var problem = PostgresFailures.Classify(
            new NpgsqlException("Exception while connecting", new AuthenticationException("The remote certificate is invalid.")), Target);
        Assert.StartsWith("TLS handshake failed (The remote certificate is invalid)", problem.Reason);
        Assert.False(problem.Retryable);
    }
}
