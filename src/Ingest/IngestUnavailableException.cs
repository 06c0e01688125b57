namespace Kinerja.Ingest;

/// <summary>Why a batch could not be taken now; the HTTP layer answers 503 with Retry-After.</summary>
public enum UnavailableReason
{
    QueueFull,
    DatabaseUnavailable,
    ShuttingDown,
}

/// <summary>
/// The batch was not written (nothing of it is stored unless stated by a later retry's duplicates);
/// retrying after <see cref="RetryAfter"/> is safe.
/// </summary>
public sealed class IngestUnavailableException(UnavailableReason reason, TimeSpan retryAfter, string message,
    Exception? inner = null) : Exception(message, inner)
{
    public UnavailableReason Reason { get; } = reason;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
