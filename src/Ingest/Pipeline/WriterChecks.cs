using Kinerja.Ingest.Reference;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The checks that depend on stored events, done set-wise inside the writer's transaction by each stream's
/// <see cref="Streams.Writing.StreamCheck"/> (repeats of an eventId across submissions of one batch for every stream;
/// the daily maximum of activities; the target and reviewer of reviews): one round trip for every stream's lookups,
/// then each stream chooses its items to insert, in check order. A check may add a round trip of its own (activities
/// do, only when some day would go over its maximum).
/// </summary>
internal static class WriterChecks
{
    public static async Task RunAsync(NpgsqlConnection conn, WorkSet w, ReferenceData refs, CancellationToken ct)
    {
        var checks = new List<Streams.Writing.StreamCheck>(w.Parts.Count);
        var round = new LookupRound();
        foreach (var part in w.Parts)
        {
            var check = part.Check(w, refs);
            check.AddLookups(round);
            checks.Add(check);
        }
        await round.RunAsync(conn, ct);
        foreach (var check in checks)
        {
            await check.ChooseAsync(conn, ct);
        }
    }
}
