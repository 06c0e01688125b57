namespace Kinerja.Core.Skp;

/// <summary>
/// The evidence file types (bukti dukung) recognised by their content, never by the client's file name or claimed type:
/// the magic bytes at the start of the file.
/// </summary>
public static class SkpEvidenceType
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>Every type that can be recognised (the default allow-list).</summary>
    public static readonly IReadOnlyList<string> All = [Pdf, Png, Jpeg];

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    /// <summary>The type the content starts like, or null when it is none of <see cref="All"/>.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? Pdf
        : content.StartsWith(PngMagic) ? Png
        : content.StartsWith(JpegMagic) ? Jpeg
        : null;

    /// <summary>The file extension of a recognised type (for the download's generated file name).</summary>
    public static string Extension(string contentType) => contentType switch
    {
        Pdf => "pdf",
        Png => "png",
        Jpeg => "jpg",
        _ => "bin",
    };
}
