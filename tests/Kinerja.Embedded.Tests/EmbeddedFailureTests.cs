using Kinerja.Embedded;

namespace Kinerja.Embedded.Tests;

/// <summary>The embedded cluster's one-line failures, from what initdb, pg_ctl and the server log say.</summary>
public sealed class EmbeddedFailureTests
{
    [Fact]
    public void InitdbDiskFull_SaysTheDiskIsFull()
    {
        const string output = """
            creating directory /data/pg ... ok
            initdb: error: could not write to file "/data/pg/base/1/1249": No space left on device
            initdb: removing data directory "/data/pg"
            """;
        var ex = EmbeddedFailure.Create("/data/pg", "postgres", output);
        Assert.Equal("cannot create the embedded PostgreSQL cluster in /data/pg: the disk is full (No space left on device); " +
                     "free some space, or set Kinerja:Postgres:DataDir to a folder on a disk with room", ex.Message);
    }

    [Fact]
    public void ServerCannotBind_NamesTheConfiguredPort()
    {
        const string output = """
            waiting for server to start.... stopped waiting
            pg_ctl: could not start server
            """;
        var log = Path.GetTempFileName();
        File.WriteAllText(log, """
            2026-12-06 12:00:00.000 UTC [77] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use
            2026-12-06 12:00:00.000 UTC [77] FATAL:  could not create any TCP/IP sockets
            """);
        try
        {
            var ex = EmbeddedFailure.Start("/data/pg", "postgres", 5433, output, log);
            Assert.StartsWith("cannot start the embedded PostgreSQL in /data/pg: port 5433 on 127.0.0.1 is already in use", ex.Message);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void OtherServerFailure_QuotesTheFatalLineAndNamesTheLog()
    {
        var ex = EmbeddedFailure.Start("/data/pg", "postgres", null, "pg_ctl: could not start server\nFATAL:  data directory \"/data/pg\" has invalid permissions", "/nonexistent.log");
        Assert.Equal("cannot start the embedded PostgreSQL in /data/pg: FATAL:  data directory \"/data/pg\" has invalid permissions; " +
                     "server log: /nonexistent.log", ex.Message);
    }
}
