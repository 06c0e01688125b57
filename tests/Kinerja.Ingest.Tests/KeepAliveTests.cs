using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// A malformed body is answered 400 without costing the client its keep-alive connection: the next request on the
/// same socket succeeds (Kestrel, one hand-written HTTP/1.1 connection, so no client library reconnects behind the test).
/// </summary>
public sealed class KeepAliveTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:MaxBodyBytes"] = "65536",
        }, kestrel: true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("[{\"eventId\": oops}]", "not a valid JSON array")]
    [InlineData("{\"eventId\": \"x\"}", "must be a JSON array of items")]
    [InlineData("[{\"nip\": \"1\"}] trailing", "Unexpected content after the closing ']'")]
    public async Task Malformed_body_then_a_good_one_on_the_same_connection_both_answered(string bad, string message)
    {
        using var connection = await RawHttp.ConnectAsync(_host.Address!);
        // padding the parser never reaches: the server must read it to keep the connection in step
        var padded = bad + new string(' ', 20000);

        var first = await connection.PostAsync("/api/v1/attendance", "application/json", padded);
        var good = new JsonArray(Items.Attendance(_org.Staff[0], TestDays.Next())).ToJsonString();
        var second = await connection.PostAsync("/api/v1/attendance", "application/json", good);

        Assert.Equal(400, first.Status);
        Assert.Contains(message, first.Body);
        Assert.NotEqual("close", first.Headers.GetValueOrDefault("connection"));
        Assert.Equal(200, second.Status);
        Assert.Contains("\"accepted\":1", second.Body);
    }
}
