using Kinerja.Core.Changes;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The batch's <c>kinerja_events</c> notice (<see cref="EventsChanged"/>): what the accepted items touched, split
/// and written by the change feed (<see cref="ChangeNotice.Events"/>, <see cref="ChangeFeed"/>) inside the batch's
/// transaction.
/// </summary>
internal static class ChangeNotifier
{
    /// <summary>The notice for (nip or null, unit, region) of everything accepted in the batch.</summary>
    public static ChangeNotice For(IEnumerable<EventTouch> touched) => ChangeNotice.Events(touched);

    /// <summary>The notice as one command of the batch's last round trip.</summary>
    public static NpgsqlBatchCommand Command(ChangeNotice notice) => ChangeFeed.Command(notice);
}
