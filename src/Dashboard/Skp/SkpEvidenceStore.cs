using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>A stored evidence file: whose realisation it belongs to, its type (from the content), size and SHA-256.</summary>
public sealed record SkpEvidenceView(long Id, string EventId, string ContentType, int SizeBytes, string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// Evidence files of realisations (migration 0021), kept in PostgreSQL as bytea: no path on disk is ever built from a
/// client's file name. The type stored is the one the magic bytes gave, the SHA-256 is of the bytes as stored.
/// </summary>
public sealed class SkpEvidenceStore(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>The outcome of an upload: stored, no such realisation of the employee, or the realisation already has the maximum.</summary>
    public enum AttachResult { Stored, NoRealisation, Full }

    /// <summary>Attaches <paramref name="content"/> to <paramref name="nip"/>'s realisation <paramref name="eventId"/> (any version of it).</summary>
    public async Task<(AttachResult Result, SkpEvidenceView? Evidence)> AttachAsync(string nip, string eventId, string contentType,
        byte[] content, int maxPerRealisation, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var realisation = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select id from skp_realisation where nip = @nip and event_id = @eventId for update",
            new { nip, eventId }, tx, cancellationToken: ct));
        if (realisation is null)
        {
            return (AttachResult.NoRealisation, null);
        }
        var count = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from skp_evidence where realisation_id = @realisation", new { realisation }, tx, cancellationToken: ct));
        if (count >= maxPerRealisation)
        {
            return (AttachResult.Full, null);
        }
        var sha = SHA256.HashData(content);
        var now = time.GetUtcNow();
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into skp_evidence (realisation_id, nip, content_type, size_bytes, sha256, content, uploaded_at)
            values (@realisation, @nip, @contentType, @size, @sha, @content, @now) returning id
            """, new { realisation, nip, contentType, size = content.Length, sha, content, now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (AttachResult.Stored, new SkpEvidenceView(id, eventId, contentType, content.Length, Convert.ToHexStringLower(sha), now));
    }

    /// <summary>One stored file with its owner's NIP, or null.</summary>
    public async Task<(string Nip, string ContentType, byte[] Content)?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Nip, string ContentType, byte[] Content)?>(new CommandDefinition(
            "select nip::text, content_type, content from skp_evidence where id = @id", new { id }, cancellationToken: ct));
        return row;
    }
}
