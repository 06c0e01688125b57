using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// JSON of the employee and team answers that carry free text people typed (descriptions, outputs, notes): web
/// defaults with an encoder that keeps letters of every script readable but escapes HTML-sensitive characters, so <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes inside strings go out as
/// <c>\u003C</c>-style escapes. The text stays verbatim once parsed, and is inert even where a response is mis-read as
/// HTML. (The host's general API JSON uses the relaxed encoder.)
/// </summary>
internal static class EmployeeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}
