namespace Kinerja.Core.Reference;

/// <summary>A city or regency with its IANA time zone (DOMAIN.md "Who and where").</summary>
public sealed record Region(string Id, string Name, string TimeZone, int MonthlyTargetMinutes = 6750,
    int DailyMinMinutes = 330, int DailyMaxMinutes = 660);

/// <summary>A regional agency (OPD / Dinas / Badan).</summary>
public sealed record Unit(string Id, string RegionId, string Name);

/// <summary>A civil servant (ASN). <see cref="Status"/> is PNS, PPPK or CPNS.</summary>
public sealed record Employee(string Nip, string Name, string UnitId, string Position, string Status,
    string? SupervisorNip, bool Active = true);

/// <summary>A non-working day of a region (national or regional holiday).</summary>
public sealed record Holiday(string RegionId, DateOnly Day, string Name);
