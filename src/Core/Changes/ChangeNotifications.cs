using Dapper;
using Npgsql;

namespace Kinerja.Core.Changes;

/// <summary>
/// Sends change notifications whose payload lists ids, split so every payload stays under PostgreSQL's
/// 8000-byte NOTIFY limit (a payload over it fails the whole writing transaction). All chunks go in one
/// statement; inside a transaction they are delivered at commit.
/// </summary>
public static class ChangeNotifications
{
    /// <summary>Ids per payload: 300 ids of up to 22 characters plus JSON punctuation stay under 8000 bytes.</summary>
    public const int IdsPerPayload = 300;

    /// <summary>Notifies <paramref name="channel"/> with <c>{"&lt;name&gt;":[ids...]}</c> payloads of at most <see cref="IdsPerPayload"/> ids.</summary>
    public static async Task SendIdsAsync<T>(NpgsqlConnection conn, NpgsqlTransaction? tx, string channel, string name,
        IReadOnlyCollection<T> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var payloads = ids.Chunk(IdsPerPayload)
            .Select(chunk => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, T[]> { [name] = chunk }))
            .ToArray();
        await conn.ExecuteAsync(new CommandDefinition(
            "select pg_notify(@channel, p) from unnest(@payloads::text[]) as p",
            new { channel, payloads }, tx, cancellationToken: ct));
    }
}
