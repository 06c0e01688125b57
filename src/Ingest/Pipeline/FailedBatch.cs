namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An overlapped batch that failed and must be written serially: its submissions, and whether it failed on a
/// conflict (an event id stored before, a day over its maximum), so that the serial write skips the optimistic try
/// that would fail the same way and goes straight to the careful one.
/// </summary>
internal sealed record FailedBatch(List<Submission> Submissions, bool Careful);
