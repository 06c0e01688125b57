using System.Text;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// A list of NIPs for provisioning: one per line, the NIP in the first column of a CSV (<c>,</c> or <c>;</c>
/// separated, optionally quoted); an optional header line whose first column is <c>nip</c>; blank lines ignored.
/// </summary>
public static class NipList
{
    /// <summary>A NIP as written on a line (1-based) of the file; validated by the caller.</summary>
    public sealed record Row(int Line, string Nip);

    public const int MaxRows = 100_000;

    public static async Task<IReadOnlyList<Row>> ReadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new AccessException($"File not found: {Path.GetFullPath(path)}");
        }
        var rows = new List<Row>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, ct))
        {
            number++;
            var first = line.Split(',', ';')[0].Trim().Trim('"').Trim().TrimStart('\uFEFF');
            if (first.Length == 0 || (number == 1 && first.Equals("nip", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (rows.Count == MaxRows)
            {
                throw new AccessException($"{path} has more than {MaxRows} NIPs; split it.");
            }
            rows.Add(new Row(number, first));
        }
        return rows;
    }
}
