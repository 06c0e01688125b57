using System.Globalization;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Json;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Cli;

/// <summary>
/// One CSV record by column name, with typed reads that give per-field errors like JSON (an empty cell is absent).
/// <see cref="Streams.Reading.CsvItemReader"/> reads a stream's fields through it.
/// </summary>
internal sealed class CsvFields(Dictionary<string, int> columns)
{
    private CsvHelper.CsvReader? _record;

    public List<FieldError>? Errors;

    public void Reset(CsvHelper.CsvReader record)
    {
        _record = record;
        Errors = null;
    }

    public string? Text(string name)
    {
        if (_record is null || !columns.TryGetValue(name, out var i) || i >= _record.FieldCount)
        {
            return null;
        }
        var v = _record.GetString(i).Trim();
        return v.Length == 0 ? null : v;
    }

    public string? Required(string name, string hint = "")
    {
        var v = Text(name);
        if (v is null)
        {
            Validation.Errors.Add(ref Errors, name, $"{name} is required{hint}.");
        }
        return v;
    }

    private string? Cell(string name, bool required, string hint) => required ? Required(name, hint) : Text(name);

    public Guid Uuid(string name, bool required, string hint, out string? raw)
    {
        raw = Cell(name, required, hint);
        if (raw is null)
        {
            return Guid.Empty;
        }
        if (!Guid.TryParse(raw, out var id))
        {
            Validation.Errors.Add(ref Errors, name, $"{name} must be a UUID (e.g. 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b); got '{raw}'.");
        }
        return id;
    }

    public int? Int(string name, bool required, string hint = "")
    {
        var v = Cell(name, required, hint);
        if (v is null)
        {
            return null;
        }
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            Validation.Errors.Add(ref Errors, name, $"{name} must be a whole number; got '{v}'.");
            return null;
        }
        return n;
    }

    public decimal? Decimal(string name, bool required = false, string hint = "")
    {
        var v = Cell(name, required, hint);
        if (v is null)
        {
            return null;
        }
        if (!decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            Validation.Errors.Add(ref Errors, name, $"{name} must be a number (with '.' as decimal point); got '{v}'.");
            return null;
        }
        return n;
    }

    public bool? Bool(string name, bool required, string hint)
    {
        var v = Cell(name, required, hint);
        if (v is null)
        {
            return null;
        }
        if (!bool.TryParse(v, out var b))
        {
            Validation.Errors.Add(ref Errors, name, $"{name} must be true or false; got '{v}'.");
            return null;
        }
        return b;
    }

    public DateTimeOffset Instant(string name, bool required, string hint)
    {
        var v = Cell(name, required, hint);
        if (v is null)
        {
            return default;
        }
        if (!JsonFields.TryParseInstant(v, out var at))
        {
            Validation.Errors.Add(ref Errors, name,
                $"{name} must be an ISO-8601 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00); got '{v}'.");
        }
        return at;
    }

    public DateOnly Date(string name, bool required, string hint)
    {
        var v = Cell(name, required, hint);
        if (v is null)
        {
            return default;
        }
        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Validation.Errors.Add(ref Errors, name, $"{name} must be a local date YYYY-MM-DD; got '{v}'.");
        }
        return d;
    }
}
