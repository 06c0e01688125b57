using Dapper;
using DbUp;
using Kinerja.Core.Database;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Core.Tests.Database;

/// <summary>
/// Migration 0006 on a database that already holds events in several months: 0001–0005 are applied with
/// DbUp (same journal), rows are written into the old unpartitioned tables, then the runner applies the rest.
/// </summary>
public sealed class PartitionMigrationTests
{
    private const string Nip = "198001012005011001";

    [Fact]
    public async Task Migrate0006_ExistingRowsInSeveralMonths_MovedIntoMonthPartitionsAndRegistered()
    {
        var cluster = await TestCluster.GetAsync();
        var name = "part_" + Guid.NewGuid().ToString("N")[..10];
        await cluster.CreateDatabaseAsync(name);
        var cs = cluster.ConnectionStringFor(name);
        try
        {
            MigrateBefore0006(cs);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var ids = await SeedOldLayoutAsync(conn);

            var applied = await MigrationRunner.MigrateAsync(cs, NullLogger.Instance);

            Assert.Equal(MigrationRunner.Embedded.Where(n => string.CompareOrdinal(FileOf(n), "0006") >= 0), applied);
            Assert.StartsWith("0006_", FileOf(applied[0]), StringComparison.Ordinal);
            // every activity sits in the partition of its local month, every review with its activity
            var placement = (await conn.QueryAsync<(string Part, DateTime Day)>(
                "select tableoid::regclass::text, local_day from activity order by local_day")).ToList();
            Assert.Equal(4, placement.Count);
            Assert.All(placement, p => Assert.Equal($"activity_y{p.Day:yyyy}m{p.Day:MM}", p.Part));
            var reviews = (await conn.QueryAsync<(string Part, DateTime Day, DateTime ActivityDay)>("""
                select r.tableoid::regclass::text, r.activity_day, a.local_day
                from activity_review r join activity a on a.event_id = r.activity_event_id
                """)).ToList();
            Assert.Equal(2, reviews.Count);
            Assert.All(reviews, r => Assert.Equal((r.ActivityDay, $"activity_review_y{r.ActivityDay:yyyy}m{r.ActivityDay:MM}"), (r.Day, r.Part)));
            Assert.Equal(["attendance_y2024m12", "attendance_y2025m07"],
                await conn.QueryAsync<string>("select tableoid::regclass::text from attendance order by day"));
            Assert.Equal(["rating_y2025m03"], await conn.QueryAsync<string>("select tableoid::regclass::text from rating"));
            // the registry knows every stored event; arrival order of attendance continues after the moved rows
            Assert.Equal(ids.Order(), (await conn.QueryAsync<Guid>("select event_id from event_registry")).Order());
            var maxSeq = await conn.ExecuteScalarAsync<long>("select max(seq) from attendance");
            Assert.True(await conn.ExecuteScalarAsync<long>("select nextval('attendance_arrival_seq')") > maxSeq);
            // the current month and three ahead exist; the old tables are gone
            var ahead = DateTime.UtcNow.AddMonths(3);
            Assert.NotNull(await conn.ExecuteScalarAsync<string?>($"select to_regclass('activity_y{ahead:yyyy}m{ahead:MM}')::text"));
            Assert.Equal(0L, await conn.ExecuteScalarAsync<long>("select count(*) from pg_class where relname like '%\\_0005'"));
        }
        finally
        {
            await TestCluster.DropDatabaseAsync(cs);
        }
    }

    private static void MigrateBefore0006(string cs)
    {
        var result = DeployChanges.To
            .PostgresqlDatabase(cs)
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly,
                n => n.Contains(".Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(FileOf(n), "0006") < 0)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .JournalToPostgresqlTable("public", MigrationRunner.JournalTable)
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
        Assert.DoesNotContain(result.Scripts, s => s.Name.Contains(".0006_", StringComparison.Ordinal));
    }

    /// <summary>The file name of an embedded migration resource (<c>…Migrations.0006_x.sql</c> → <c>0006_x.sql</c>).</summary>
    private static string FileOf(string resource) =>
        resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];

    /// <summary>Rows in four months (two years) through the pre-0006 columns; returns every event id.</summary>
    private static async Task<List<Guid>> SeedOldLayoutAsync(NpgsqlConnection conn)
    {
        await conn.ExecuteAsync($"""
            insert into region (id, name, tz) values ('kota-lama', 'Kota Lama', 'Asia/Jakarta');
            insert into unit (id, region_id, name) values ('dinas-lama', 'kota-lama', 'Dinas Lama');
            insert into employee (nip, name, unit_id, status) values ('{Nip}', 'Pegawai Lama', 'dinas-lama', 'PNS');
            """);
        var ids = new List<Guid>();
        var activities = new List<Guid>();
        foreach (var day in new[] { new DateOnly(2024, 11, 30), new DateOnly(2024, 12, 2), new DateOnly(2025, 3, 14), new DateOnly(2025, 7, 1) })
        {
            var id = Guid.NewGuid();
            await conn.ExecuteAsync("""
                insert into activity (event_id, nip, occurred_at, local_day, minutes) values (@id, @nip, @at, @day, 60)
                """, new { id, nip = Nip, at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), day });
            ids.Add(id);
            activities.Add(id);
        }
        foreach (var target in new[] { activities[0], activities[2] })
        {
            var id = Guid.NewGuid();
            await conn.ExecuteAsync("""
                insert into activity_review (event_id, activity_event_id, approved, reviewer_nip, at)
                values (@id, @target, true, @nip, now())
                """, new { id, target, nip = Nip });
            ids.Add(id);
        }
        foreach (var day in new[] { new DateOnly(2024, 12, 3), new DateOnly(2025, 7, 2) })
        {
            var id = Guid.NewGuid();
            await conn.ExecuteAsync("insert into attendance (event_id, nip, day, status) values (@id, @nip, @day, 'hadir')",
                new { id, nip = Nip, day });
            ids.Add(id);
        }
        var rating = Guid.NewGuid();
        await conn.ExecuteAsync("""
            insert into rating (event_id, ratee_nip, rater_role, aspect, score, period, occurred_at)
            values (@rating, @nip, 'atasan', 'kompeten', 4, '2025-03', now())
            """, new { rating, nip = Nip });
        ids.Add(rating);
        return ids;
    }
}
