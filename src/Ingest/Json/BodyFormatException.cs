namespace Kinerja.Ingest.Json;

/// <summary>The body as a whole cannot be read as items (HTTP 400).</summary>
internal sealed class BodyFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The body is larger than <see cref="IngestOptions.MaxBodyBytes"/> (HTTP 413).</summary>
internal sealed class BodyTooLargeException(long limit)
    : Exception($"The body is larger than the limit of {limit} bytes; send smaller batches.")
{
    public long Limit { get; } = limit;
}
