using Kinerja.Ingest.Cli;

namespace Kinerja.Ingest.Streams.Reading;

/// <summary>
/// Reads one CSV record of any stream from its field list (columns named as the JSON fields, src/Ingest/README.md):
/// fields in contract order, each a required check (an empty cell is absent) and a typed read with the CSV import's
/// messages.
/// </summary>
internal static class CsvItemReader
{
    public static void Read(CsvFields record, IReadOnlyList<ItemField> fields, ItemValues values, out string? rawEventId)
    {
        values.Reset();
        rawEventId = null;
        foreach (var field in fields)
        {
            ref var value = ref values[field];
            var required = field.Required;
            var hint = field.CsvHint;
            switch (field.Kind)
            {
                case FieldKind.Uuid:
                    value.Uuid = record.Uuid(field.Name, required, hint, out var raw);
                    if (field.IsEventId)
                    {
                        rawEventId = raw;
                    }
                    break;
                case FieldKind.Text:
                    value.Text = required ? record.Required(field.Name, hint) : record.Text(field.Name);
                    break;
                case FieldKind.Whole:
                    value.Whole = record.Int(field.Name, required, hint);
                    break;
                case FieldKind.Number:
                    value.Number = record.Decimal(field.Name, required, hint);
                    break;
                case FieldKind.Boolean:
                    value.Boolean = record.Bool(field.Name, required, hint);
                    break;
                case FieldKind.Instant:
                    value.Instant = record.Instant(field.Name, required, hint);
                    break;
                case FieldKind.Date:
                    value.Date = record.Date(field.Name, required, hint);
                    break;
            }
        }
    }
}
