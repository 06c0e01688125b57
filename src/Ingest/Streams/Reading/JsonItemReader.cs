using System.Buffers;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Json;

namespace Kinerja.Ingest.Streams.Reading;

/// <summary>
/// Reads one JSON item of any stream from its field list: properties in document order (unknown ones skipped, a
/// repeated one overwrites), a per-field error for a wrong JSON type or an unreadable value, then one
/// "<c>… is required</c>" error per required field that is absent or null. Throws <see cref="JsonException"/> only for
/// invalid JSON.
/// </summary>
internal static class JsonItemReader
{
    /// <summary>Reads the fields into <paramref name="values"/>; false (with an item-level error) when the item is not an object.</summary>
    public static bool Read(ReadOnlySequence<byte> json, IReadOnlyList<ItemField> fields, ItemValues values,
        out string? rawEventId, out List<FieldError>? errors)
    {
        var reader = JsonFields.Reader(json);
        errors = null;
        rawEventId = null;
        values.Reset();
        if (!JsonFields.StartObject(ref reader, ref errors))
        {
            return false;
        }
        var expected = 0;
        while (JsonFields.NextProperty(ref reader))
        {
            var field = Match(ref reader, fields, ref expected);
            reader.Read();
            if (field is null)
            {
                reader.Skip();
                continue;
            }
            ref var value = ref values[field];
            value.Present = reader.TokenType != JsonTokenType.Null;
            switch (field.Kind)
            {
                case FieldKind.Uuid:
                    value.Uuid = JsonFields.Uuid(ref reader, field.Name, ref errors, out var raw);
                    if (field.IsEventId)
                    {
                        rawEventId = raw;
                    }
                    break;
                case FieldKind.Text:
                    value.Text = JsonFields.Text(ref reader, field.Name, ref errors);
                    break;
                case FieldKind.Whole:
                    value.Whole = JsonFields.Int(ref reader, field.Name, ref errors);
                    break;
                case FieldKind.Number:
                    value.Number = JsonFields.Decimal(ref reader, field.Name, ref errors);
                    break;
                case FieldKind.Boolean:
                    value.Boolean = JsonFields.Bool(ref reader, field.Name, ref errors);
                    break;
                case FieldKind.Instant:
                    value.Instant = JsonFields.Instant(ref reader, field.Name, ref errors);
                    break;
                case FieldKind.Date:
                    value.Date = JsonFields.Date(ref reader, field.Name, ref errors);
                    break;
            }
        }
        foreach (var field in fields)
        {
            if (field.Required)
            {
                JsonFields.Required(values[field].Present, field.Name, ref errors, field.Hint);
            }
        }
        return true;
    }

    /// <summary>
    /// The field named by the current property, or null. Clients mostly send the fields in contract order, so the field
    /// after the last one matched is tried first (one comparison per property instead of a scan of the list).
    /// </summary>
    private static ItemField? Match(ref Utf8JsonReader reader, IReadOnlyList<ItemField> fields, ref int expected)
    {
        if (expected < fields.Count && reader.ValueTextEquals(fields[expected].Utf8Name))
        {
            return fields[expected++];
        }
        foreach (var field in fields)
        {
            if (reader.ValueTextEquals(field.Utf8Name))
            {
                expected = field.Index + 1;
                return field;
            }
        }
        return null;
    }
}
