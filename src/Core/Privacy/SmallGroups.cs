using Microsoft.Extensions.Options;

namespace Kinerja.Core.Privacy;

/// <summary>
/// Small-group suppression, the one rule every screen, chart and API applies: an aggregate over fewer than
/// <see cref="PrivacyOptions.MinGroupSize"/> people is withheld (null), so a published average cannot single out a
/// person. Screens show null as <see cref="Dash"/>. Registered as a singleton by <c>AddKinerjaPrivacy</c>.
/// </summary>
public sealed class SmallGroups(IOptions<PrivacyOptions> options)
{
    /// <summary>What a suppressed value looks like on screens and charts.</summary>
    public const string Dash = "—";

    public int MinGroupSize => options.Value.MinGroupSize;

    /// <summary>True when a group of <paramref name="people"/> may be published (at least the minimum).</summary>
    public bool IsPublishable(int people) => IsPublishable(people, MinGroupSize);

    /// <summary>The value when at least the minimum number of people contributed, else null.</summary>
    public T? Suppress<T>(T value, int people) where T : struct => Suppress(value, people, MinGroupSize);

    /// <inheritdoc cref="Suppress{T}(T, int)"/>
    public T? Suppress<T>(T? value, int people) where T : struct => IsPublishable(people) ? value : null;

    /// <summary>The value for a chart: itself, or NaN (drawn as "—") when the group is too small.</summary>
    public double Shown(double value, int people) => IsPublishable(people) ? value : double.NaN;

    /// <summary>The suppression rule itself, for callers that hold the minimum explicitly.</summary>
    public static bool IsPublishable(int people, int minGroupSize) => people >= minGroupSize;

    public static T? Suppress<T>(T value, int people, int minGroupSize) where T : struct =>
        IsPublishable(people, minGroupSize) ? value : null;

    /// <summary>A number for display: the formatted value, or "—" when suppressed.</summary>
    public static string Show(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, System.Globalization.CultureInfo.GetCultureInfo("id-ID")) : Dash;
}
