using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp;

/// <summary>The result of an SKP write: the plan as stored, or why nothing was written.</summary>
public abstract record SkpOutcome
{
    /// <summary>Stored; the plan version as it is now.</summary>
    public sealed record Stored(SkpPlanView Plan) : SkpOutcome;

    /// <summary>Refused field by field (400); nothing was written.</summary>
    public sealed record Invalid(IReadOnlyList<SkpFieldError> Errors) : SkpOutcome;

    /// <summary>Refused because of the plan's state or a concurrent change (409); nothing was written.</summary>
    public sealed record Conflict(string Detail) : SkpOutcome;

    /// <summary>There is no plan to act on (404).</summary>
    public sealed record Missing(string Detail) : SkpOutcome;
}
