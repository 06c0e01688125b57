using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>An import body as sent: CSV (<c>text/csv</c>) or JSON (<c>application/json</c>), read whole up to <see cref="MaxBytes"/>.</summary>
public sealed record SkpImportBody(bool IsCsv, byte[] Content)
{
    /// <summary>Largest import body (8 MiB, some 40,000 CSV rows); larger files go through the CLI or in parts.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>The body, or the problem to answer: 415 for another content type, 413 over <see cref="MaxBytes"/>.</summary>
    public static async Task<(SkpImportBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext ctx, string what)
    {
        var type = MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var t) ? t.MediaType.Value : null;
        var isCsv = string.Equals(type, "text/csv", StringComparison.OrdinalIgnoreCase);
        if (!isCsv && !string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(title: "Unsupported content type",
                detail: $"Send the {what} as Content-Type text/csv (a header row and one row per item) or application/json (an array); " +
                        $"got '{ctx.Request.ContentType ?? "none"}'.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }
            buffer.Write(chunk, 0, read);
        }
        return (new SkpImportBody(isCsv, buffer.ToArray()), null);
    }

    /// <summary>The 413 answer.</summary>
    public static ProblemHttpResult TooLarge() => TypedResults.Problem(title: "Body too large",
        detail: $"An import body is at most {MaxBytes} bytes: split the file, or import it with the command line " +
                "(import skp-plans | skp-realisations | iku-targets), which has no such limit.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The JSON root of a JSON body (a <see cref="FormatException"/> when it is not JSON).</summary>
    public JsonElement Json()
    {
        try
        {
            var content = Content.AsMemory();
            if (content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                content = content[3..];
            }
            using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
    }
}
