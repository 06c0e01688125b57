using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// The printable A4 poster of a unit's (or a service's) survey (<c>/survei/{unitId}/poster.pdf</c>,
/// <c>/survei/{unitId}/{serviceId}/poster.pdf</c>): a short Indonesian invitation, the unit's name (and the service),
/// the QR code of the survey address and the address itself, for counters without a kiosk.
/// </summary>
public static class SurveyPoster
{
    public static byte[] Pdf(string unitName, string? serviceId, string address)
    {
        PosterFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = "Survei Kepuasan Masyarakat · " + unitName;
        document.Info.Creator = "Kinerja Analytics";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        var width = page.Width.Point;
        var margin = 56.0;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var text = new XTextFormatter(gfx) { Alignment = XParagraphAlignment.Center };
            var ink = new XSolidBrush(XColor.FromArgb(0x1b, 0x2a, 0x41));
            var y = 64.0;
            text.DrawString("Survei Kepuasan Masyarakat", new XFont(PosterFonts.Family, 26, XFontStyleEx.Bold), ink,
                new XRect(margin, y, width - 2 * margin, 44), XStringFormats.TopLeft);
            y += 60;
            text.DrawString(unitName, new XFont(PosterFonts.Family, 22, XFontStyleEx.Bold), XBrushes.Black,
                new XRect(margin, y, width - 2 * margin, 64), XStringFormats.TopLeft);
            y += 70;
            if (!string.IsNullOrEmpty(serviceId))
            {
                text.DrawString("Layanan: " + serviceId, new XFont(PosterFonts.Family, 16, XFontStyleEx.Regular), XBrushes.Black,
                    new XRect(margin, y, width - 2 * margin, 24), XStringFormats.TopLeft);
                y += 30;
            }
            text.DrawString("Bagaimana pelayanan kami hari ini? Pindai kode QR dengan kamera ponsel Anda dan isi survei singkat " +
                            "(sekitar 2 menit). Survei ini tanpa nama; pendapat, pengaduan dan saran Anda membantu kami memperbaiki pelayanan.",
                new XFont(PosterFonts.Family, 15, XFontStyleEx.Regular), XBrushes.Black,
                new XRect(margin + 20, y, width - 2 * margin - 40, 90), XStringFormats.TopLeft);
            y += 110;
            var side = 300.0;
            DrawQr(gfx, address, (width - side) / 2, y, side);
            y += side + 24;
            text.DrawString(address, new XFont(PosterFonts.Family, 14, XFontStyleEx.Regular), ink,
                new XRect(margin, y, width - 2 * margin, 44), XStringFormats.TopLeft);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The QR code as vector squares (sharp at any print size; no image decoding), quiet zone included.</summary>
    private static void DrawQr(XGraphics gfx, string address, double x, double y, double side)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = side / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (modules[row][col])
                {
                    // A hair wider than the cell so neighbouring squares leave no visible seam.
                    gfx.DrawRectangle(XBrushes.Black, x + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
                }
            }
        }
    }
}
