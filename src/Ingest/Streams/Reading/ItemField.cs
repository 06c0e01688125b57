namespace Kinerja.Ingest.Streams.Reading;

/// <summary>How a field's value is written in JSON and CSV.</summary>
internal enum FieldKind
{
    /// <summary>A UUID string, not the empty one.</summary>
    Uuid,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A whole number (<see cref="int"/>).</summary>
    Whole,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An ISO-8601 date and time with a UTC offset.</summary>
    Instant,

    /// <summary>A local date <c>YYYY-MM-DD</c>.</summary>
    Date,
}

/// <summary>
/// One contract field of a stream's item: its name in JSON and CSV (camelCase), how its value is read, and whether
/// it must be present. <see cref="Hint"/> completes "<c>{name} is required{hint}.</c>" for JSON items,
/// <see cref="CsvHint"/> for CSV rows.
/// </summary>
internal sealed class ItemField(int index, string name, FieldKind kind, bool required, string hint, string csvHint)
{
    /// <summary>Position in the stream's field list (and in <see cref="ItemValues"/>).</summary>
    public int Index { get; } = index;

    public string Name { get; } = name;

    /// <summary>The name as UTF-8, to match JSON property names without decoding them.</summary>
    public byte[] Utf8Name { get; } = System.Text.Encoding.UTF8.GetBytes(name);

    public FieldKind Kind { get; } = kind;

    public bool Required { get; } = required;

    public string Hint { get; } = hint;

    public string CsvHint { get; } = csvHint;

    /// <summary>The item's idempotency key: its text is echoed in the result even when it is not a UUID.</summary>
    public bool IsEventId => Name == ItemFields.EventIdName;
}

/// <summary>A stream's fields in contract order (the order CSV rows are read and required fields are reported).</summary>
internal sealed class ItemFields
{
    public const string EventIdName = "eventId";

    private readonly List<ItemField> _all = [];

    public IReadOnlyList<ItemField> All => _all;

    /// <summary>The required <c>eventId</c> every item carries.</summary>
    public ItemField EventId() => Required(EventIdName, FieldKind.Uuid, " (a UUID made by the client)");

    /// <summary>
    /// A field that must be present (not null). <paramref name="csvHint"/> (default: <paramref name="hint"/>) is the
    /// hint of the CSV import's message, which for some fields has always been shorter; kept so the rejected-rows
    /// file stays as it was.
    /// </summary>
    public ItemField Required(string name, FieldKind kind, string hint = "", string? csvHint = null) =>
        Add(name, kind, true, hint, csvHint ?? hint);

    public ItemField Optional(string name, FieldKind kind) => Add(name, kind, false, "", "");

    private ItemField Add(string name, FieldKind kind, bool required, string hint, string csvHint)
    {
        var field = new ItemField(_all.Count, name, kind, required, hint, csvHint);
        _all.Add(field);
        return field;
    }
}
