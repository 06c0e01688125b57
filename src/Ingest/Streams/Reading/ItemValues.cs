namespace Kinerja.Ingest.Streams.Reading;

/// <summary>
/// The values read for one item, one slot per <see cref="ItemField"/>; a stream's definition builds its item from
/// them. A value that was absent, null or unreadable is the default of its type (its error is already recorded).
/// Reused from item to item by the reader (<see cref="Reset"/>), so reading allocates no slots per item.
/// </summary>
internal sealed class ItemValues(int count)
{
    private readonly FieldValue[] _slots = new FieldValue[count];

    public ref FieldValue this[ItemField field] => ref _slots[field.Index];

    public void Reset() => Array.Clear(_slots);

    public Guid Uuid(ItemField field) => _slots[field.Index].Uuid;

    public string? Text(ItemField field) => _slots[field.Index].Text;

    public int? Whole(ItemField field) => _slots[field.Index].Whole;

    public decimal? Number(ItemField field) => _slots[field.Index].Number;

    public bool? Boolean(ItemField field) => _slots[field.Index].Boolean;

    public DateTimeOffset Instant(ItemField field) => _slots[field.Index].Instant;

    public DateOnly Date(ItemField field) => _slots[field.Index].Date;
}

/// <summary>One field's value as read; only the member of the field's <see cref="FieldKind"/> is used.</summary>
internal struct FieldValue
{
    /// <summary>The field was given with a non-null value (JSON) or a non-empty cell (CSV).</summary>
    public bool Present;
    public string? Text;
    public Guid Uuid;
    public int? Whole;
    public decimal? Number;
    public bool? Boolean;
    public DateTimeOffset Instant;
    public DateOnly Date;
}
