using System.Runtime.CompilerServices;
using Kinerja.Core.Database;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Core.Tests.Database;

/// <summary>Migrations: ordered, idempotent, and the live schema is exactly what they produce.</summary>
public sealed class MigrationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrate_AlreadyMigrated_IsANoOp()
    {
        var applied = await MigrationRunner.MigrateAsync(db.ConnectionString, NullLogger.Instance);
        Assert.Empty(applied);
        Assert.Empty(await MigrationRunner.PendingAsync(db.DataSource));
    }

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryFileInOrderOnce()
    {
        var cluster = await TestCluster.GetAsync();
        var name = "fresh_" + Guid.NewGuid().ToString("N")[..10];
        await cluster.CreateDatabaseAsync(name);
        var cs = cluster.ConnectionStringFor(name);
        try
        {
            var applied = await MigrationRunner.MigrateAsync(cs, NullLogger.Instance);
            Assert.Equal(MigrationRunner.Embedded, applied);
            Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
            Assert.Empty(await MigrationRunner.MigrateAsync(cs, NullLogger.Instance));
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand($"select count(*) from {MigrationRunner.JournalTable}", conn);
            Assert.Equal((long)MigrationRunner.Embedded.Count, await count.ExecuteScalarAsync());
        }
        finally
        {
            await TestCluster.DropDatabaseAsync(cs);
        }
    }

    [Fact]
    public async Task Migrate_FromTwoProcessesAtOnce_AppliesEachMigrationOnce()
    {
        var cluster = await TestCluster.GetAsync();
        var name = "race_" + Guid.NewGuid().ToString("N")[..10];
        await cluster.CreateDatabaseAsync(name);
        var cs = cluster.ConnectionStringFor(name);
        try
        {
            var results = await Task.WhenAll(
                MigrationRunner.MigrateAsync(cs, NullLogger.Instance),
                MigrationRunner.MigrateAsync(cs, NullLogger.Instance));
            Assert.Equal(MigrationRunner.Embedded.Count, results.Sum(r => r.Count));
        }
        finally
        {
            await TestCluster.DropDatabaseAsync(cs);
        }
    }

    /// <summary>
    /// The live schema must equal the committed description. After adding a migration, regenerate it with
    /// <c>KINERJA_UPDATE_SCHEMA_SNAPSHOT=1 dotnet test tests/Kinerja.Core.Tests</c> and review the diff.
    /// </summary>
    [Fact]
    public async Task LiveSchema_EqualsWhatTheMigrationsSay()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var live = await SchemaDescriber.DescribeAsync(conn);
        var file = SnapshotPath();
        if (Environment.GetEnvironmentVariable("KINERJA_UPDATE_SCHEMA_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(file, live);
        }
        var expected = File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
        Assert.Equal(expected, live);
    }

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "schema.snapshot.txt");
}
