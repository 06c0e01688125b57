using QRCoder;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// QR codes of a unit's survey address (<c>/survei/{unitId}/qr.svg</c>, <c>.png</c>) for counters and posters. The address
/// is <c>Kinerja:PublicBaseUrl</c> + <c>/survei/{unitId}</c> (the request's own scheme and host when it is not set: behind a
/// proxy, set it, or the code points at the internal name).
/// </summary>
public static class SurveyQr
{
    /// <summary>Configuration key of the public base address, e.g. <c>https://kinerja.example.go.id</c>.</summary>
    public const string PublicBaseUrlKey = "Kinerja:PublicBaseUrl";

    public static string Address(HttpRequest request, IConfiguration configuration, string unitId, string? serviceId = null)
    {
        var configured = configuration[PublicBaseUrlKey];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        var unit = $"{root}/survei/{Uri.EscapeDataString(unitId)}";
        return string.IsNullOrEmpty(serviceId) ? unit : $"{unit}/{Uri.EscapeDataString(serviceId)}";
    }

    public static string Svg(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    public static byte[] Png(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }
}
