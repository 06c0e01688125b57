using Kinerja.Ingest.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Ingest.Tests;

public sealed class IngestOptionsTests
{
    [Theory]
    [InlineData("Kinerja:Ingest:BatchSize", "0", "BatchSize must be between 1 and 1000000")]
    [InlineData("Kinerja:Ingest:QueueCapacity", "-1", "QueueCapacity must be at least 1")]
    [InlineData("Kinerja:Ingest:MaxBodyBytes", "10", "MaxBodyBytes must be at least 1024")]
    [InlineData("Kinerja:Ingest:ClockSkew", "-00:01:00", "ClockSkew must be between 0 and 1 day")]
    public async Task Start_InvalidSetting_FailsNamingTheSetting(string key, string value, string expected)
    {
        await using var db = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x");
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            IngestHost.StartAsync(db, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, ex.Message);
    }
}
