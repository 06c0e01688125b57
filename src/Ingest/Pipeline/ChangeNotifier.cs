using System.Buffers;
using System.Text.Json;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Builds the <c>kinerja_events</c> notifications of a batch: <c>{"nips":[...],"units":[...],"regions":[...]}</c>
/// naming what the accepted items touched. A payload stays under PostgreSQL's 8000-byte limit: the
/// NIPs are split over several notifications, each naming the units and regions of its own NIPs.
/// </summary>
internal static class ChangeNotifier
{
    public const string Channel = Kinerja.Core.Changes.ChangeChannels.Events;
    public const int MaxPayloadBytes = 7900;

    /// <summary>(nip or null, unit, region) of everything accepted in the batch.</summary>
    public static List<string> BuildPayloads(IEnumerable<(string? Nip, string Unit, string Region)> touched)
    {
        var byNip = new SortedDictionary<string, (string Unit, string Region)>(StringComparer.Ordinal);
        var unitOnly = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (nip, unit, region) in touched)
        {
            if (nip is null)
            {
                unitOnly[unit] = region;
            }
            else
            {
                byNip[nip] = (unit, region);
            }
        }
        var payloads = new List<string>();
        var nips = new List<string>();
        var units = new SortedSet<string>(unitOnly.Keys, StringComparer.Ordinal);
        var regions = new SortedSet<string>(unitOnly.Values, StringComparer.Ordinal);
        foreach (var (nip, (unit, region)) in byNip)
        {
            // ~21 bytes per NIP; units and regions are short ids
            var estimate = 40 + (nips.Count + 1) * 21 + Size(units) + Size(regions) + unit.Length + region.Length + 6;
            if (nips.Count > 0 && estimate > MaxPayloadBytes)
            {
                payloads.Add(Write(nips, units, regions));
                nips.Clear();
                units.Clear();
                regions.Clear();
            }
            nips.Add(nip);
            units.Add(unit);
            regions.Add(region);
        }
        if (nips.Count > 0 || units.Count > 0)
        {
            var payload = Write(nips, units, regions);
            payloads.Add(payload.Length <= MaxPayloadBytes ? payload : Write([], [], regions));
        }
        return payloads;
    }

    public static async Task NotifyAsync(NpgsqlConnection conn, List<string> payloads, CancellationToken ct)
    {
        if (payloads.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(conn) { BatchCommands = { Command(payloads) } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One statement that sends all payloads (delivered at commit).</summary>
    public static NpgsqlBatchCommand Command(List<string> payloads)
    {
        var cmd = new NpgsqlBatchCommand("select pg_notify($1, p) from unnest($2::text[]) as p");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Channel });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads.ToArray() });
        return cmd;
    }

    private static int Size(IEnumerable<string> ids) => ids.Sum(s => s.Length + 3);

    private static string Write(IEnumerable<string> nips, IEnumerable<string> units, IEnumerable<string> regions)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteArray(json, "nips", nips);
            WriteArray(json, "units", units);
            WriteArray(json, "regions", regions);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }
        json.WriteEndArray();
    }
}
