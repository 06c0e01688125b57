namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An optimistic batch took a total over its maximum (a day's activity minutes); the writer redoes it with stored
/// totals read first.
/// </summary>
internal sealed class DayLimitExceededException() : Exception("A day total went over its maximum.");

