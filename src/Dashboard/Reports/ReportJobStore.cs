using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Reports;

/// <summary>A report job as <c>GET /api/v1/reports/{id}</c> reads it (without the file's bytes).</summary>
public sealed record ReportJobRow(Guid Id, string Kind, string? RegionId, string? UnitId, string? Nip, string Period,
    string RequestedBy, string ScopeRegionId, string State, short Progress, string? Error, int Attempts, DateTime CreatedAt,
    DateTime? StartedAt, DateTime? FinishedAt, string? RuleVersions, DateTime? DataAsOf, string? FileName, string? ContentType,
    long? SizeBytes, string? Sha256);

/// <summary>A finished document.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// The <c>report_job</c> queue on PostgreSQL: enqueue, claim under a lease (<c>FOR UPDATE SKIP LOCKED</c>, so several
/// processes share it and a job whose worker died is claimed again when its lease runs out), progress, finish, fail.
/// </summary>
public sealed class ReportJobStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, kind, region_id as RegionId, unit_id as UnitId, trim(nip) as Nip, period, requested_by as RequestedBy,
        scope_region_id as ScopeRegionId, state, progress, error, attempts, created_at as CreatedAt, started_at as StartedAt,
        finished_at as FinishedAt, rule_versions::text as RuleVersions, data_as_of as DataAsOf, file_name as FileName,
        content_type as ContentType, size_bytes as SizeBytes, sha256
        """;

    public async Task<Guid> EnqueueAsync(ReportSpec spec, string requestedBy, string scopeRegionId, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into report_job (id, kind, region_id, unit_id, nip, period, requested_by, scope_region_id)
            values (@id, @Kind, @RegionId, @UnitId, @Nip, @period, @requestedBy, @scopeRegionId)
            """, new { id, spec.Kind, spec.RegionId, spec.UnitId, spec.Nip, period = spec.Period.Key, requestedBy, scopeRegionId },
            cancellationToken: ct));
        return id;
    }

    public async Task<ReportJobRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ReportJobRow>(new CommandDefinition(
            $"select {Columns} from report_job where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Claims the oldest queued job, or a running one whose lease ran out; null when there is none.</summary>
    public async Task<ReportJobRow?> ClaimAsync(TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ReportJobRow>(new CommandDefinition($"""
            update report_job set state = 'berjalan', attempts = attempts + 1, lease_until = now() + @lease,
                started_at = coalesce(started_at, now()), progress = 0
            where id = (select id from report_job
                        where state = 'antri' or (state = 'berjalan' and lease_until < now())
                        order by created_at limit 1 for update skip locked)
            returning {Columns}
            """, new { lease }, cancellationToken: ct));
    }

    /// <summary>Records progress and extends the lease; false when the job is no longer this worker's.</summary>
    public async Task<bool> ProgressAsync(Guid id, int attempt, int progress, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            update report_job set progress = @progress, lease_until = now() + @lease
            where id = @id and state = 'berjalan' and attempts = @attempt
            """, new { id, attempt, progress = (short)Math.Clamp(progress, 0, 99), lease }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> CompleteAsync(Guid id, int attempt, ReportFile file, string ruleVersions, DateTimeOffset dataAsOf,
        CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes));
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            update report_job set state = 'selesai', progress = 100, finished_at = now(), lease_until = null, error = null,
                rule_versions = @ruleVersions::jsonb, data_as_of = @dataAsOf, file_name = @FileName, content_type = @ContentType,
                file = @Bytes, size_bytes = @size, sha256 = @sha
            where id = @id and state = 'berjalan' and attempts = @attempt
            """, new { id, attempt, ruleVersions, dataAsOf, file.FileName, file.ContentType, file.Bytes, size = (long)file.Bytes.Length, sha },
            cancellationToken: ct)) == 1;
    }

    /// <summary>Fails the job for good, or queues it again while attempts are left.</summary>
    public async Task FailAsync(Guid id, int attempt, string error, bool retry, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update report_job set state = case when @retry then 'antri' else 'gagal' end, lease_until = null, error = @error,
                finished_at = case when @retry then null else now() end
            where id = @id and state = 'berjalan' and attempts = @attempt
            """, new { id, attempt, error = error.Length > 2000 ? error[..2000] : error, retry }, cancellationToken: ct));
    }

    public async Task<ReportFile?> FileAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ReportFile>(new CommandDefinition("""
            select file_name as FileName, content_type as ContentType, file as Bytes from report_job
            where id = @id and state = 'selesai'
            """, new { id }, cancellationToken: ct));
    }
}
