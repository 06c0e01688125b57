namespace Kinerja.Ingest.Contracts;

/// <summary>Outcome of one item: stored now, already stored earlier, or refused.</summary>
public enum ItemStatus
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>Why an item was refused: the contract field (camelCase; empty for the whole item) and an English message.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Per-item result, in submission order.</summary>
/// <param name="Index">Zero-based position of the item in the submitted batch.</param>
/// <param name="EventId">The item's <c>eventId</c> as sent (null when missing).</param>
public sealed record ItemResult(int Index, string? EventId, ItemStatus Status, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Result of a submitted batch, after commit: every <see cref="ItemStatus.Accepted"/> item is durably stored.
/// </summary>
public sealed class IngestResult(IReadOnlyList<ItemResult> items)
{
    public int Accepted { get; } = items.Count(i => i.Status == ItemStatus.Accepted);

    public int Duplicates { get; } = items.Count(i => i.Status == ItemStatus.Duplicate);

    public int Rejected { get; } = items.Count(i => i.Status == ItemStatus.Rejected);

    public IReadOnlyList<ItemResult> Items { get; } = items;
}
