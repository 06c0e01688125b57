using System.ComponentModel.DataAnnotations;

namespace Kinerja.Rules.FollowUp;

/// <summary>Follow-up items (tindak lanjut), bound from <c>Kinerja:FollowUp</c>.</summary>
public sealed class FollowUpOptions : IValidatableObject
{
    public const string Section = "Kinerja:FollowUp";

    /// <summary>
    /// Days an item is due in when its rule gives no <c>Properties.dueDays</c>, per trigger kind
    /// (<c>Kinerja:FollowUp:DueDays:REWARD</c>, ...); a kind not listed gets <see cref="DefaultDueDays"/>.
    /// </summary>
    public Dictionary<string, int> DueDays { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["REWARD"] = 30,
        ["COACHING"] = 14,
        ["SANCTION"] = 30,
    };

    /// <summary>Days an item of any other kind is due in (<c>Kinerja:FollowUp:DefaultDueDays</c>).</summary>
    [Range(1, 366)]
    public int DefaultDueDays { get; set; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (kind, days) in DueDays)
        {
            if (days is < 1 or > 366)
            {
                yield return new ValidationResult($"Kinerja:FollowUp:DueDays:{kind} is {days}; it must be a whole number of days from 1 to 366.");
            }
        }
    }

    /// <summary>The due days of a trigger: its rule's <c>dueDays</c>, else the kind's default.</summary>
    public int DueDaysFor(string kind, int? ruleDays) =>
        ruleDays ?? (DueDays.TryGetValue(kind, out var days) ? days : DefaultDueDays);
}
