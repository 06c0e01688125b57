using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest;
using Kinerja.Ingest.Http;
using Microsoft.Net.Http.Headers;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The body of <c>POST /api/v1/me/activities</c> before it reaches the shared ingest reader: every item that leaves
/// <c>nip</c> out (or sends it as <c>null</c>) gets the session's NIP, so the activity contract keeps one home (the
/// ingest <c>activities</c> stream, where <c>nip</c> stays required for source systems) and the employee's client need
/// not repeat what the session already says. An item that names a NIP is left as it is: the session's own is accepted,
/// another is refused per item by the employee scope, a value of the wrong type by the reader.
/// </summary>
internal static class MeActivityBody
{
    private const string NipField = "nip";

    /// <summary>
    /// Replaces the request body with one whose items carry <paramref name="nip"/> where they had none. Bodies the reader
    /// answers anyway (another content type, a declared length over the limit, invalid JSON, not an array) pass through
    /// untouched so the answer stays the ingest endpoint's; a streamed body over the limit is answered here.
    /// </summary>
    public static async Task<BodyTooLarge?> FillNipAsync(HttpContext ctx, string nip, long maxBytes)
    {
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type) || ctx.Request.ContentLength > maxBytes)
        {
            return null;
        }
        var ndjson = type.MediaType.Equals(IngestApi.Ndjson, StringComparison.OrdinalIgnoreCase);
        if (!ndjson && !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var body = await ReadAllAsync(ctx.Request.BodyReader, maxBytes, ctx.RequestAborted);
        if (body is null)
        {
            return new BodyTooLarge($"The body is over the limit of {maxBytes} bytes; send smaller batches.");
        }
        var filled = ndjson ? FillLines(body, nip) : FillArray(body, nip) ?? body;
        ctx.Request.Body = new MemoryStream(filled, writable: false);
        ctx.Request.ContentLength = filled.Length;
        return null;
    }

    private static async Task<byte[]?> ReadAllAsync(PipeReader reader, long maxBytes, CancellationToken ct)
    {
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>The array with the NIP filled in, or null to keep the body as sent (the reader then explains what is wrong).</summary>
    private static byte[]? FillArray(byte[] body, string nip)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonArray items)
            {
                return null;
            }
            var changed = false;
            foreach (var item in items)
            {
                changed |= item is JsonObject obj && Fill(obj, nip);
            }
            return changed ? JsonSerializer.SerializeToUtf8Bytes(items) : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>NDJSON line by line: a line that is not a JSON object stays as it is, so the reader names its line.</summary>
    private static byte[] FillLines(byte[] body, string nip)
    {
        var lines = Encoding.UTF8.GetString(body).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            try
            {
                if (JsonNode.Parse(lines[i]) is JsonObject obj && Fill(obj, nip))
                {
                    lines[i] = obj.ToJsonString();
                }
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                // Left as sent: the reader reports the line.
            }
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static bool Fill(JsonObject item, string nip)
    {
        if (item.TryGetPropertyValue(NipField, out var given) && given is not null)
        {
            return false;
        }
        item[NipField] = nip;
        return true;
    }
}
