using System.Text.Json.Nodes;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Tests.Conformance.Samples;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>
/// What the conformance classes share: their own database with the test organisation, an ingest host, and theory data
/// taken from the stream registry — so every registered stream gets every case without a line here.
/// </summary>
public abstract class ConformanceTestBase(TestDatabase db) : IAsyncLifetime
{
    private protected IngestHost Host { get; private set; } = null!;

    private protected Org Org { get; private set; } = null!;

    private protected TestDatabase Db { get; } = db;

    private protected SampleContext Context => new(Org, Host.Pipeline);

    public async Task InitializeAsync()
    {
        Org = await Org.SeedAsync(Db.DataSource);
        Host = await IngestHost.StartAsync(Db.DataSource);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Every registered stream.</summary>
    public static TheoryData<string> Streams => Data(IngestStreams.All.Select(s => s.Name));

    /// <summary>Every (stream, required field).</summary>
    public static TheoryData<string, string> RequiredFields =>
        Data(IngestStreams.All.SelectMany(s => s.Fields.Where(f => f.Required).Select(f => (s.Name, f.Name))));

    /// <summary>Every (stream, field).</summary>
    public static TheoryData<string, string> AllFields =>
        Data(IngestStreams.All.SelectMany(s => s.Fields.Select(f => (s.Name, f.Name))));

    /// <summary>Every (stream, text field).</summary>
    public static TheoryData<string, string> TextFields => FieldsOf(FieldKind.Text);

    /// <summary>Every (stream, numeric field).</summary>
    public static TheoryData<string, string> NumericFields => FieldsOf(FieldKind.Whole, FieldKind.Number);

    /// <summary>Every (stream, boundary case) of the test-side samples.</summary>
    public static TheoryData<string, string> BoundaryCases =>
        Data(IngestStreams.All.SelectMany(s => StreamSamples.For(s.Name).Boundaries.Select(c => (s.Name, c.Name))));

    private static TheoryData<string, string> FieldsOf(params FieldKind[] kinds) =>
        Data(IngestStreams.All.SelectMany(s => s.Fields.Where(f => kinds.Contains(f.Kind)).Select(f => (s.Name, f.Name))));

    private protected static IngestStreamDefinition Definition(string stream) =>
        IngestStreams.Find(stream) ?? throw new ArgumentException($"No stream {stream}.");

    private protected static ItemField Field(string stream, string field) => Definition(stream).Fields.Single(f => f.Name == field);

    private protected static StreamSamples Samples(string stream) => StreamSamples.For(stream);

    private protected async Task<JsonObject> PostAsync(string stream, params JsonNode[] items) =>
        await (await Host.Client.PostJsonAsync(stream, items)).ResultAsync();

    private protected Task<long> StoredAsync(string stream, params JsonObject[] items) =>
        Sql.ScalarAsync<long>(Db.DataSource, $"select count(*) from {Samples(stream).Table} where event_id = any(@ids)",
            new { ids = items.Select(Items.IdOf).ToArray() });

    /// <summary>The errors of item <paramref name="index"/> as (field, message) pairs.</summary>
    private protected static List<(string Field, string Message)> ErrorsAt(JsonObject result, int index) =>
        result["items"]![index]!["errors"]!.AsArray().Select(e => ((string)e!["field"]!, (string)e["message"]!)).ToList();

    private static TheoryData<string> Data(IEnumerable<string> rows)
    {
        var data = new TheoryData<string>();
        foreach (var row in rows)
        {
            data.Add(row);
        }
        return data;
    }

    private static TheoryData<string, string> Data(IEnumerable<(string, string)> rows)
    {
        var data = new TheoryData<string, string>();
        foreach (var (a, b) in rows)
        {
            data.Add(a, b);
        }
        return data;
    }
}
