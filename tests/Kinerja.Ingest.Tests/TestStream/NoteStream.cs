using System.Text.Json.Nodes;
using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Tests.TestStream;

/// <summary>
/// A stream that exists only in the tests: a note about an employee on a local day. It is one folder (this file) plus
/// one registration (<c>AddIngestStream</c>) plus its table (<see cref="Schema"/>, created by the test as a migration
/// would): nothing in the shared pipeline names it. Its table is partitioned by month and merged from staging with a
/// rollup, so it goes through every generic step of the writer.
/// </summary>
public sealed class NoteItem
{
    public Guid EventId { get; init; }

    public string Nip { get; init; } = "";

    public DateOnly Day { get; init; }

    public string Text { get; init; } = "";
}

internal readonly record struct PreparedNote(int Index, NoteItem Item, EmployeeRef Employee) : IPreparedEvent<PreparedNote>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedNote item) => NoteTable.WriteRow(copy, item);

    public static DateOnly? MonthOf(in PreparedNote item) => item.Item.Day;

    public static bool Touches(in PreparedNote item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Employee.Nip, item.Employee.Unit.Id, item.Employee.Region.Id);
        return true;
    }
}

internal sealed class NoteTable : StreamTable<PreparedNote>
{
    public const string TableName = "test_note";

    private const string Columns = "event_id, nip, day, body";

    /// <summary>What a migration would create: the table, partitioned by month, and its rollup.</summary>
    public const string Schema = """
        create table if not exists test_note (
            event_id uuid not null,
            nip      char(18) not null,
            day      date not null,
            body     text not null,
            primary key (event_id, day)
        ) partition by range (day);
        create table if not exists test_note_day (
            nip   char(18) not null,
            day   date not null,
            notes integer not null,
            primary key (nip, day)
        );
        """;

    public static readonly NoteTable Instance = new();

    public override string Name => TableName;

    public override char RegistryCode => 'n';

    public override bool Partitioned => true;

    public override string Staging => $"""
        create temp table if not exists ingest_stage_test_note on commit delete rows as
            select {Columns} from {TableName} with no data;
        """;

    public override string Copy => $"copy ingest_stage_test_note ({Columns}) from stdin (format binary)";

    public override string Merge => $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from ingest_stage_test_note
            returning nip, day
        )
        insert into test_note_day as d (nip, day, notes)
        select nip, day, count(*) from ins group by nip, day
        on conflict (nip, day) do update set notes = d.notes + excluded.notes
        """;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedNote note)
    {
        copy.StartRow();
        copy.Write(note.Item.EventId, NpgsqlDbType.Uuid);
        copy.Write(note.Employee.Nip, NpgsqlDbType.Char);
        copy.Write(note.Item.Day, NpgsqlDbType.Date);
        copy.Write(note.Item.Text, NpgsqlDbType.Text);
    }
}

internal sealed class NoteStream : IngestStreamDefinition<NoteItem, PreparedNote>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField Nip = Contract.Required("nip", FieldKind.Text);
    private static readonly ItemField Day = Contract.Required("day", FieldKind.Date);
    private static readonly ItemField Text = Contract.Required("text", FieldKind.Text);

    public static readonly NoteStream Instance = new();

    // The public enum names the four product streams (the API-key scope resolver receives it); a test stream has no
    // member, and nothing on the write path reads it.
    public override IngestStream Stream => (IngestStream)100;

    public override StreamTable<PreparedNote> Table => NoteTable.Instance;

    public override string Name => "notes";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest test notes";

    public override string Purpose => "A stream that exists only in the tests.";

    public override Guid EventIdOf(NoteItem item) => item.EventId;

    protected override NoteItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId), Nip = v.Text(Nip) ?? "", Day = v.Date(Day), Text = v.Text(Text) ?? "",
    };

    public override ItemValidator<NoteItem, PreparedNote> Validator => Validate;

    private static PreparedNote? Validate(int index, NoteItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        var employee = ctx.Employee(item.Nip, "nip", ref errors);
        return errors is null && employee is not null ? new PreparedNote(index, item, employee) : null;
    }

    public override JsonArray Examples() => [];

    public override void DescribeSchema(OpenApiSchema schema)
    {
    }
}
