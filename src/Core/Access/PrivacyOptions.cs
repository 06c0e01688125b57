namespace Kinerja.Core.Access;

/// <summary>Privacy settings (<c>Kinerja:Privacy</c>) for public outputs and aggregates (UU 27/2022).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Kinerja:Privacy";

    /// <summary>Aggregates over fewer people than this are suppressed (shown as "—").</summary>
    public int MinGroupSize { get; set; } = 5;
}
