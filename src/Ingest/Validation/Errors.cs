using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Validation;

/// <summary>Collects at most one error per field (the first found: a parse error beats a range error).</summary>
internal static class Errors
{
    public static void Add(ref List<FieldError>? errors, string field, string message)
    {
        errors ??= new List<FieldError>(2);
        foreach (var e in errors)
        {
            if (e.Field == field)
            {
                return;
            }
        }
        errors.Add(new FieldError(field, message));
    }

    public static bool Has(List<FieldError>? errors, string field)
    {
        if (errors is null)
        {
            return false;
        }
        foreach (var e in errors)
        {
            if (e.Field == field)
            {
                return true;
            }
        }
        return false;
    }

    public static readonly IReadOnlyList<FieldError> None = [];
}
