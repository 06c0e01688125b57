using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An item as read from a body or file: the typed item (fields that failed to parse keep defaults),
/// its event id (read once, where the item is built; empty when absent), the raw <c>eventId</c> text for the response,
/// and parse errors per field.
/// </summary>
internal readonly record struct Parsed<T>(T Item, Guid EventId, string? RawEventId, List<FieldError>? Errors) where T : class;
