namespace Kinerja.Dashboard.Access;

/// <summary>
/// The roles of people (DESIGN.md "Access and privacy"). A user has exactly one. <see cref="All"/> are the roles that
/// read boards and indicators by region (leaders, HR, admins); <see cref="Pegawai"/> is an employee bound to one NIP
/// who reads only their own data, plus what superior rights derived from <c>employee.supervisor_nip</c> allow
/// (<see cref="TeamScope"/>). A pegawai never passes a region policy.
/// </summary>
public static class AccessRoles
{
    /// <summary>Leadership: reads boards and indicators of the regions granted to them.</summary>
    public const string Pimpinan = "pimpinan";

    /// <summary>HR (BKPSDM): rules console, publish/rollback, backtest; reads every region.</summary>
    public const string Sdm = "sdm";

    /// <summary>Administrators: users, ingest sources, audit; reads every region.</summary>
    public const string Admin = "admin";

    /// <summary>An employee (ASN) bound to one NIP: self, and their reports when they are someone's superior.</summary>
    public const string Pegawai = "pegawai";

    /// <summary>The region-reading roles (not <see cref="Pegawai"/>).</summary>
    public static readonly IReadOnlyList<string> All = [Pimpinan, Sdm, Admin];

    /// <summary>Every role an account may have.</summary>
    public static readonly IReadOnlyList<string> Every = [Pimpinan, Sdm, Admin, Pegawai];

    /// <summary>True for the region-reading roles (pimpinan, sdm, admin); false for pegawai and anything else.</summary>
    public static bool IsKnown(string? role) => role is Pimpinan or Sdm or Admin;

    /// <summary>True for any role an account may have, pegawai included.</summary>
    public static bool IsValid(string? role) => IsKnown(role) || role == Pegawai;

    /// <summary>True for roles whose reads are limited to granted regions.</summary>
    public static bool IsRegionScoped(string role) => role == Pimpinan;
}
