using Kinerja.Core.Changes;
using Npgsql;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// Tells the screens of a finished import (<see cref="SkpImportResult.Touched"/>) through the change feed (<c>kinerja_skp</c>,
/// <see cref="SkpFeedHandler"/> in the dashboard role): the one path of the HTTP import and the command line, so a plan
/// imported at the terminal or on an instance without a hub reaches the open screens too, each once. The plan and
/// realisation importers commit per plan, so this is sent right after the last commit; the IKU imports, one transaction
/// each, send their notice inside it.
/// </summary>
public static class SkpImportFeed
{
    public static async Task PublishAsync(NpgsqlDataSource db, IReadOnlyList<SkpTouch> touched, ILogger log)
    {
        if (touched.Count == 0)
        {
            return;
        }
        try
        {
            // not the caller's token: what was committed is announced even when the caller gave up waiting
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await ChangeFeed.SendAsync(conn, null, ChangeNotice.Skp(touched), CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // committed is committed: a lost hint only delays the screens until they reload
            log.LogWarning(ex, "Could not announce an SKP import of {Count} employees on {Channel}", touched.Count, ChangeChannels.Skp);
        }
    }
}
