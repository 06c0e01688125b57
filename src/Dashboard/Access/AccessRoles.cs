namespace Kinerja.Dashboard.Access;

/// <summary>The three roles of people (DESIGN.md "Access and privacy"). A user has exactly one.</summary>
public static class AccessRoles
{
    /// <summary>Leadership: reads boards and indicators of the regions granted to them.</summary>
    public const string Pimpinan = "pimpinan";

    /// <summary>HR (BKPSDM): rules console, publish/rollback, backtest; reads every region.</summary>
    public const string Sdm = "sdm";

    /// <summary>Administrators: users, ingest sources, audit; reads every region.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Pimpinan, Sdm, Admin];

    public static bool IsKnown(string? role) => role is Pimpinan or Sdm or Admin;

    /// <summary>True for roles whose reads are limited to granted regions.</summary>
    public static bool IsRegionScoped(string role) => role == Pimpinan;
}
