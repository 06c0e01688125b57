using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>A cell as the Open XML SDK reads it: its text, whether it is stored as text, and its number format code.</summary>
internal sealed record XlsxCell(string Value, bool IsText, string? Format);

/// <summary>Reads an XLSX with the Open XML SDK directly (not ClosedXML, which wrote it): sheet name → cell reference → cell.</summary>
internal static class XlsxReader
{
    public static Dictionary<string, Dictionary<string, XlsxCell>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var book = document.WorkbookPart!;
        var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var stylesheet = book.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = stylesheet?.CellFormats?.Elements<CellFormat>().ToArray() ?? [];
        var result = new Dictionary<string, Dictionary<string, XlsxCell>>();
        foreach (var sheet in book.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            var cells = new Dictionary<string, XlsxCell>();
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                var type = cell.DataType?.Value;
                var isText = type == CellValues.SharedString || type == CellValues.InlineString || type == CellValues.String;
                var value = type == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text)]
                    : type == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.CellValue?.Text ?? "";
                string? format = null;
                if (cell.StyleIndex?.Value is { } style && style < cellFormats.Length
                    && cellFormats[style].NumberFormatId?.Value is { } id)
                {
                    format = formats.GetValueOrDefault(id);
                }
                cells[cell.CellReference!.Value!] = new XlsxCell(value, isText, format);
            }
            result[sheet.Name!.Value!] = cells;
        }
        return result;
    }
}
