using System.ComponentModel.DataAnnotations;
using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp;

/// <summary>Settings of the SKP evidence files (section <c>Kinerja:Skp</c>), validated at start.</summary>
public sealed class SkpOptions : IValidatableObject
{
    public const string Section = "Kinerja:Skp";

    /// <summary>Largest evidence file in bytes (default 5 MiB); a larger one is refused with 413.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public long EvidenceMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Allowed evidence types, recognised by content (<see cref="SkpEvidenceType"/>); another is refused with 415.</summary>
    public List<string> EvidenceTypes { get; set; } = [.. SkpEvidenceType.All];

    /// <summary>Evidence files one realisation may have.</summary>
    [Range(1, 100)]
    public int EvidencePerRealisation { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var type in EvidenceTypes.Where(t => !SkpEvidenceType.All.Contains(t)))
        {
            yield return new ValidationResult($"Kinerja:Skp:EvidenceTypes has '{type}'; allowed are {string.Join(", ", SkpEvidenceType.All)}.",
                [nameof(EvidenceTypes)]);
        }
        if (EvidenceTypes.Count == 0)
        {
            yield return new ValidationResult("Kinerja:Skp:EvidenceTypes must name at least one type.", [nameof(EvidenceTypes)]);
        }
    }
}
