using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Survey;

/// <summary>Reads of stored survey responses the endpoint needs beside the ingest path.</summary>
public sealed class SurveyResponses(NpgsqlDataSource db)
{
    /// <summary>True when a survey with this responseId is stored (<c>event_registry</c> code <c>s</c>).</summary>
    public async Task<bool> IsStoredAsync(Guid responseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from event_registry where event_id = @responseId and stream = 's')
            """, new { responseId }, cancellationToken: ct));
    }
}
