using CsvHelper;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>One data row of an import CSV: its line in the file and its cells by column name (an empty cell is absent).</summary>
public sealed record SkpImportRow(int Line, IReadOnlyDictionary<string, string> Cells, string? FieldCountError)
{
    public string? this[string column] => Cells.GetValueOrDefault(column);
}

/// <summary>
/// Reads an import CSV (RFC 4180, UTF-8 with or without a byte order mark, CRLF or LF line ends) into rows by column
/// name. A header missing a required column or an unknown column, or broken quoting, makes the whole file unreadable
/// (<see cref="FormatException"/> naming the line, nothing is imported); a row with another number of fields than the
/// header is kept as a row with <see cref="SkpImportRow.FieldCountError"/>, so it is answered <c>rejected</c> and the
/// other rows go on. Cells are taken as text and never evaluated: a cell <c>=HYPERLINK(...)</c> is stored as that text.
/// </summary>
public static class SkpImportTable
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static List<SkpImportRow> Read(ReadOnlyMemory<byte> body, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        if (body.Span.StartsWith(Utf8Bom))
        {
            body = body[3..];
        }
        using var csv = CsvReader.Create(body, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        });
        try
        {
            var header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
            {
                throw new FormatException("The CSV has no header row: the first line must name the columns (" + string.Join(",", required) + ", …).");
            }
            var unknown = header.Where(h => !required.Contains(h) && !optional.Contains(h)).ToArray();
            if (unknown.Length > 0)
            {
                throw new FormatException($"The CSV header has unknown column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                                          $"the columns are {string.Join(", ", required.Concat(optional))}.");
            }
            var missing = required.Where(r => !header.Contains(r)).ToArray();
            if (missing.Length > 0)
            {
                throw new FormatException($"The CSV header lacks the required column(s) {string.Join(", ", missing)}.");
            }
            var rows = new List<SkpImportRow>();
            while (csv.Read())
            {
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < csv.FieldCount; i++)
                {
                    var v = csv.GetString(i).Trim();
                    if (v.Length > 0)
                    {
                        cells[header[i]] = v;
                    }
                }
                var countError = csv.FieldCount == header.Length ? null
                    : $"The row has {csv.FieldCount} field(s); the header has {header.Length}: check the separators (',') and the quoting of cells that contain commas.";
                rows.Add(new SkpImportRow((int)csv.LineNumber, cells, countError));
            }
            return rows;
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"The CSV is malformed near line {ex.LineNumber} (record {ex.RecordNumber}): {ex.Message} " +
                                      "Nothing was imported; fix the quoting (a cell with a quote is written \"like \"\"this\"\"\") and send it again.");
        }
    }
}
