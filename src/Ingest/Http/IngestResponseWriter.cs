using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http;

namespace Kinerja.Ingest.Http;

/// <summary>
/// Writes <c>{ "accepted", "duplicates", "rejected", "items": [ { "index", "eventId", "status", "errors": [ { "field", "message" } ] } ] }</c>
/// straight to the response pipe (no reflection).
/// </summary>
internal static class IngestResponseWriter
{
    public static async Task WriteAsync(HttpContext ctx, IngestResult result, CancellationToken ct)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(ctx.Response.BodyWriter))
        {
            Write(json, result);
        }
        await ctx.Response.BodyWriter.FlushAsync(ct);
    }

    public static void Write(Utf8JsonWriter json, IngestResult result)
    {
        json.WriteStartObject();
        json.WriteNumber("accepted"u8, result.Accepted);
        json.WriteNumber("duplicates"u8, result.Duplicates);
        json.WriteNumber("rejected"u8, result.Rejected);
        json.WriteStartArray("items"u8);
        foreach (var item in result.Items)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, item.Index);
            if (item.EventId is null)
            {
                json.WriteNull("eventId"u8);
            }
            else
            {
                json.WriteString("eventId"u8, item.EventId);
            }
            json.WriteString("status"u8, item.Status switch
            {
                ItemStatus.Accepted => "accepted"u8,
                ItemStatus.Duplicate => "duplicate"u8,
                _ => "rejected"u8,
            });
            json.WriteStartArray("errors"u8);
            foreach (var e in item.Errors)
            {
                json.WriteStartObject();
                json.WriteString("field"u8, e.Field);
                json.WriteString("message"u8, e.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
