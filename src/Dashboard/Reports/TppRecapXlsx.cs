using System.Globalization;
using ClosedXML.Excel;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// Writes the TPP recap as XLSX for payroll (ClosedXML): one sheet per unit, a header block (region, unit, period, data
/// time, rule versions), then one row per employee. NIP is text (18 digits would lose precision as a number); figures are
/// numbers with id-ID display formats (LCID 0x421: dot thousands, comma decimals).
/// </summary>
public static class TppRecapXlsx
{
    /// <summary>The row of the column headers; employee rows follow it.</summary>
    public const int HeaderRow = 7;

    public static readonly IReadOnlyList<string> Columns =
    [
        "NIP", "Nama", "Status", "Jabatan", "Hari kerja", "Hadir", "Terlambat (hari)", "Terlambat (menit)", "Izin", "Sakit", "Cuti",
        "Dinas luar", "TKS (hari)", "Menit aktivitas", "Target menit", "Produktivitas (%)", "TPP (%)", "Pagu TPP (Rp)",
        "Perkiraan TPP (Rp)", "Aturan TPP (%)", "Aturan perkiraan",
    ];

    private const string Count = "[$-421]#,##0";
    private const string Decimal2 = "[$-421]#,##0.00";
    private const string Rupiah = "[$-421]\"Rp\"#,##0";

    public static byte[] Write(TppRecapData data)
    {
        using var book = new XLWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in data.Sheets)
        {
            var ws = book.Worksheets.Add(SheetName(sheet.UnitId, names));
            ws.Cell(1, 1).Value = "Rekap Tambahan Penghasilan Pegawai (TPP)";
            ws.Cell(1, 1).Style.Font.Bold = true;
            Label(ws, 2, "Wilayah", $"{data.RegionName} ({data.RegionId})");
            Label(ws, 3, "Unit", $"{sheet.UnitName} ({sheet.UnitId})");
            Label(ws, 4, "Periode", data.Period);
            Label(ws, 5, "Waktu data", data.DataAsOf.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            Label(ws, 6, "Versi aturan", data.RuleVersions);
            for (var c = 0; c < Columns.Count; c++)
            {
                var cell = ws.Cell(HeaderRow, c + 1);
                cell.Value = Columns[c];
                cell.Style.Font.Bold = true;
            }
            var row = HeaderRow;
            foreach (var r in sheet.Rows)
            {
                row++;
                ws.Cell(row, 1).SetValue(r.Nip);
                ws.Cell(row, 1).DataType = XLDataType.Text;
                ws.Cell(row, 2).SetValue(r.Name);
                ws.Cell(row, 3).SetValue(r.Status);
                ws.Cell(row, 4).SetValue(r.Position);
                Number(ws, row, 5, r.WorkingDays, Count);
                Number(ws, row, 6, r.Hadir, Count);
                Number(ws, row, 7, r.Terlambat, Count);
                Number(ws, row, 8, r.LateMinutes, Count);
                Number(ws, row, 9, r.Izin, Count);
                Number(ws, row, 10, r.Sakit, Count);
                Number(ws, row, 11, r.Cuti, Count);
                Number(ws, row, 12, r.DinasLuar, Count);
                Number(ws, row, 13, r.TksDays, Count);
                Number(ws, row, 14, r.ActivityMinutes, Count);
                Number(ws, row, 15, r.ActivityTargetMinutes, Count);
                Number(ws, row, 16, Math.Round(r.ActivityPct, 2), Decimal2);
                if (r.TppPercent is { } pct)
                {
                    Number(ws, row, 17, pct, Decimal2);
                }
                Number(ws, row, 18, (double)r.TppCeiling, Rupiah);
                if (r.TppEstimate is { } estimate)
                {
                    Number(ws, row, 19, (double)estimate, Rupiah);
                }
                ws.Cell(row, 20).SetValue(r.PercentRule);
                ws.Cell(row, 21).SetValue(r.EstimateRule);
            }
            ws.SheetView.FreezeRows(HeaderRow);
            ws.Column(1).Width = 21;
            ws.Column(2).Width = 30;
        }
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static void Label(IXLWorksheet ws, int row, string label, string value)
    {
        ws.Cell(row, 1).SetValue(label);
        ws.Cell(row, 2).SetValue(value);
    }

    private static void Number(IXLWorksheet ws, int row, int column, double value, string format)
    {
        var cell = ws.Cell(row, column);
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book.</summary>
    private static string SheetName(string unitId, HashSet<string> taken)
    {
        var clean = new string(unitId.Select(ch => "[]:*?/\\".Contains(ch) ? '_' : ch).ToArray());
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var i = 2; !taken.Add(name); i++)
        {
            var suffix = "~" + i.ToString(CultureInfo.InvariantCulture);
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }
}
