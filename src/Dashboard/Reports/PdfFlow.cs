using Kinerja.Dashboard.Survey;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// A small top-to-bottom writer over PDFsharp for the report documents: headings, text lines, ruled tables and signature
/// blocks on A4 pages, a new page when the next item does not fit, and a footer stamp on every page. Text is real text
/// (fonts of <see cref="PosterFonts"/>), so <c>pdftotext</c> reads it back.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double Margin = 48;
    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private XGraphics? _gfx;
    private double _y;
    private double _width;
    private double _height;

    public PdfFlow(string title, string footer)
    {
        PosterFonts.EnsureInstalled();
        _document.Info.Title = title;
        _document.Info.Creator = "Kinerja Analytics";
        _footer = footer;
        NewPage();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(PosterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _width = page.Width.Point;
        _height = page.Height.Point;
        _gfx = XGraphics.FromPdfPage(page);
        _gfx.DrawString(_footer + $" · halaman {_document.PageCount}", Font(7), XBrushes.Gray,
            new XRect(Margin, _height - 30, _width - 2 * Margin, 12), XStringFormats.TopLeft);
        _y = Margin;
    }

    private void Room(double needed)
    {
        if (_y + needed > _height - 48)
        {
            NewPage();
        }
    }

    public void Heading(string text, double size = 13)
    {
        Room(size * 2.2);
        _y += size * 0.4;
        _gfx!.DrawString(text, Font(size, bold: true), XBrushes.Black, new XRect(Margin, _y, _width - 2 * Margin, size * 1.4),
            XStringFormats.TopLeft);
        _y += size * 1.6;
    }

    public void Line(string text, double size = 9.5, bool bold = false)
    {
        foreach (var part in Wrap(text, size, _width - 2 * Margin, bold))
        {
            Room(size * 1.5);
            _gfx!.DrawString(part, Font(size, bold), XBrushes.Black, new XRect(Margin, _y, _width - 2 * Margin, size * 1.4),
                XStringFormats.TopLeft);
            _y += size * 1.45;
        }
    }

    public void Gap(double points = 6) => _y += points;

    /// <summary>A ruled table; <paramref name="widths"/> are shares of the text width. Long cells are cut to fit.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double> widths, double size = 8.5)
    {
        var total = widths.Sum();
        var columns = widths.Select(w => w / total * (_width - 2 * Margin)).ToArray();
        var rowHeight = size * 1.8;
        void Row(IReadOnlyList<string> cells, bool header)
        {
            Room(rowHeight);
            var x = Margin;
            for (var i = 0; i < columns.Length; i++)
            {
                var rect = new XRect(x, _y, columns[i], rowHeight);
                if (header)
                {
                    _gfx!.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xe8, 0xec, 0xf2)), rect);
                }
                _gfx!.DrawRectangle(new XPen(XColors.Gray, 0.4), rect);
                var text = Fit(i < cells.Count ? cells[i] : "", size, columns[i] - 6, header);
                _gfx.DrawString(text, Font(size, header), XBrushes.Black, new XRect(x + 3, _y + size * 0.35, columns[i] - 6, size * 1.4),
                    XStringFormats.TopLeft);
                x += columns[i];
            }
            _y += rowHeight;
        }
        Row(headers, header: true);
        var any = false;
        foreach (var r in rows)
        {
            Row(r, header: false);
            any = true;
        }
        if (!any)
        {
            Row(["(tidak ada data)"], header: false);
        }
        _y += 6;
    }

    /// <summary>Signature blocks side by side: a role line, space to sign, the name and NIP.</summary>
    public void Signatures(IReadOnlyList<(string Role, string Name, string Nip)> signers, string placeAndDate)
    {
        Room(120);
        _y += 16;
        var column = (_width - 2 * Margin) / signers.Count;
        for (var i = 0; i < signers.Count; i++)
        {
            var x = Margin + i * column;
            var (role, name, nip) = signers[i];
            _gfx!.DrawString(i == signers.Count - 1 ? placeAndDate : " ", Font(9), XBrushes.Black, new XRect(x, _y, column, 12), XStringFormats.TopLeft);
            _gfx.DrawString(role, Font(9), XBrushes.Black, new XRect(x, _y + 14, column, 12), XStringFormats.TopLeft);
            _gfx.DrawString(name, Font(9, bold: true), XBrushes.Black, new XRect(x, _y + 78, column, 12), XStringFormats.TopLeft);
            _gfx.DrawString(nip.Length > 0 ? "NIP " + nip : "", Font(9), XBrushes.Black, new XRect(x, _y + 92, column, 12), XStringFormats.TopLeft);
        }
        _y += 110;
    }

    public byte[] Save()
    {
        _gfx?.Dispose();
        _gfx = null;
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    private IEnumerable<string> Wrap(string text, double size, double width, bool bold)
    {
        var font = Font(size, bold);
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var next = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && _gfx!.MeasureString(next, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = next;
            }
        }
        yield return line;
    }

    private string Fit(string text, double size, double width, bool bold)
    {
        var font = Font(size, bold);
        if (_gfx!.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width)
        {
            text = text[..^1];
        }
        return text + "…";
    }
}
