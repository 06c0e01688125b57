using Microsoft.Extensions.Options;

namespace Kinerja.Core.Access;

/// <summary>
/// Small-group suppression: an aggregate over fewer than <see cref="PrivacyOptions.MinGroupSize"/> people is
/// withheld (null), so a published average cannot single out a person. Screens show null as <see cref="Dash"/>.
/// Register as a singleton; static helpers take the minimum explicitly.
/// </summary>
public sealed class SmallGroups(IOptions<PrivacyOptions> options)
{
    /// <summary>What a suppressed value looks like on screens and charts.</summary>
    public const string Dash = "—";

    public int MinGroupSize => options.Value.MinGroupSize;

    /// <summary>The value when at least the minimum number of people contributed, else null.</summary>
    public T? Suppress<T>(T value, int people) where T : struct => Suppress(value, people, MinGroupSize);

    /// <inheritdoc cref="Suppress{T}(T, int)"/>
    public T? Suppress<T>(T? value, int people) where T : struct => people >= MinGroupSize ? value : null;

    public bool IsPublishable(int people) => people >= MinGroupSize;

    public static T? Suppress<T>(T value, int people, int minGroupSize) where T : struct =>
        people >= minGroupSize ? value : null;

    /// <summary>A number for display: the formatted value, or "—" when suppressed.</summary>
    public static string Show(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, System.Globalization.CultureInfo.GetCultureInfo("id-ID")) : Dash;
}
