using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An item as read from a body or file: the typed item (fields that failed to parse keep defaults),
/// the raw <c>eventId</c> text for the response, and parse errors per field.
/// </summary>
internal readonly record struct Parsed<T>(T Item, string? RawEventId, List<FieldError>? Errors) where T : class;
