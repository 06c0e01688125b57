namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An optimistic batch took a total over its maximum (a day's activity minutes); the writer redoes it with stored
/// totals read first.
/// </summary>
internal sealed class DayLimitExceededException() : Exception("A day total went over its maximum.");

/// <summary>An optimistic batch holds an event id stored before; the writer redoes it claiming ids first.</summary>
internal sealed class EventStoredException() : Exception("An event of the batch is stored already.");
