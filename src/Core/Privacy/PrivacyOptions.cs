namespace Kinerja.Core.Privacy;

/// <summary>
/// Privacy settings (<c>Kinerja:Privacy</c>) for public outputs and aggregates (UU 27/2022). The one options class
/// bound to that section; screens and APIs apply it through <see cref="SmallGroups"/>.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Kinerja:Privacy";

    /// <summary>Aggregates over fewer people than this are suppressed (shown as "—"), on public displays and elsewhere.</summary>
    public int MinGroupSize { get; set; } = 5;
}
