using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Kinerja.Dashboard.Reference;

/// <summary>One row of a reference file, with where it came from for error messages.</summary>
internal sealed record ReferenceRow(string Kind, string Location, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// Reads reference files. JSON: <c>{"regions":[...],"units":[...],"employees":[...],"holidays":[...]}</c>.
/// CSV: one kind per file, told by its header (see src/Dashboard/Reference/README.md).
/// </summary>
internal static class ReferenceFile
{
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["regions"] = ["id", "name", "timeZone", "monthlyTargetMinutes", "dailyMinMinutes", "dailyMaxMinutes"],
        ["units"] = ["id", "regionId", "name"],
        ["employees"] = ["nip", "name", "unitId", "position", "status", "supervisorNip"],
        ["holidays"] = ["regionId", "day", "name"],
    };

    public static async Task<List<ReferenceRow>> ReadAsync(string path, CancellationToken ct)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".json" => await ReadJsonAsync(path, ct),
            ".csv" => ReadCsv(path),
            _ => throw new FormatException($"{path}: unsupported reference file type '{ext}'; use .csv or .json."),
        };
    }

    private static async Task<List<ReferenceRow>> ReadJsonAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not valid JSON at line {ex.LineNumber + 1}: {ex.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{path}: expected an object with arrays regions, units, employees, holidays.");
            }
            var rows = new List<ReferenceRow>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!Columns.ContainsKey(prop.Name))
                {
                    throw new FormatException($"{path}: unknown section '{prop.Name}'; use regions, units, employees, holidays.");
                }
                if (prop.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"{path}: '{prop.Name}' must be an array.");
                }
                var i = 0;
                foreach (var item in prop.Value.EnumerateArray())
                {
                    var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var f in item.EnumerateObject())
                        {
                            fields[f.Name] = f.Value.ValueKind switch
                            {
                                JsonValueKind.Null => null,
                                JsonValueKind.String => f.Value.GetString(),
                                _ => f.Value.GetRawText(),
                            };
                        }
                    }
                    rows.Add(new ReferenceRow(prop.Name, $"{prop.Name}[{i++}]", fields));
                }
            }
            return rows;
        }
    }

    private static List<ReferenceRow> ReadCsv(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = true });
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            throw new FormatException($"{path}: empty file; the first line must be a header.");
        }
        var kind = KindOf(header) ?? throw new FormatException(
            $"{path}: cannot tell the kind from header '{string.Join(',', header)}'. Expected the columns of one of: " +
            string.Join("; ", Columns.Select(c => $"{c.Key} ({string.Join(',', c.Value)})")));
        var rows = new List<ReferenceRow>();
        while (csv.Read())
        {
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length && i < csv.FieldCount; i++)
            {
                var v = csv.GetStringOrNull(i);
                fields[header[i]] = string.IsNullOrEmpty(v) ? null : v;
            }
            rows.Add(new ReferenceRow(kind, $"line {csv.LineNumber}", fields));
        }
        return rows;
    }

    private static string? KindOf(string[] header)
    {
        bool Has(string c) => header.Contains(c, StringComparer.OrdinalIgnoreCase);
        return Has("nip") ? "employees"
            : Has("timeZone") ? "regions"
            : Has("day") ? "holidays"
            : Has("id") && Has("regionId") ? "units"
            : null;
    }
}
