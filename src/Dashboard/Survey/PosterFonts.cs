using PdfSharp.Fonts;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// PDFsharp's fonts on Linux: it reads no system fonts there, so the poster's one family (<see cref="Family"/>) maps to
/// DejaVu Sans (Debian <c>fonts-dejavu-core</c>, which the charts already use) found under <c>/usr/share/fonts</c>.
/// </summary>
internal sealed class PosterFonts : IFontResolver
{
    public const string Family = "Poster";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process (PDFsharp's font settings are global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PosterFonts)
            {
                GlobalFontSettings.FontResolver = new PosterFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }
        throw new InvalidOperationException(
            $"The survey poster needs the font {faceName}.ttf (DejaVu Sans): install the package fonts-dejavu-core.");
    }
}
