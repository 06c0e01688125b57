using Microsoft.AspNetCore.Authorization;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Named authorization policies. Each endpoint group in <c>src/Dashboard/Apis</c> applies one where it is mapped
/// (<c>.RequireAuthorization(Policies.X)</c>, or <c>.AllowAnonymous()</c>).
/// There is no "public" policy: an anonymous endpoint says <c>.AllowAnonymous()</c>, which the authorization
/// middleware, the OpenAPI security transformer and <c>EndpointPolicyTests</c> all recognise; a policy that lets
/// everyone through would look protected to all three.
/// </summary>
public static class Policies
{
    /// <summary>An ingest source (API key); what it may write is limited by its scope.</summary>
    public const string IngestWrite = "IngestWrite";

    /// <summary>Any signed-in person (pimpinan, sdm, admin).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>A person reading data of a region: pimpinan only for granted regions; sdm and admin every region.
    /// The region comes from the route or query (<c>region</c>/<c>regionId</c>, <c>unit</c>/<c>unitId</c>, <c>nip</c>).</summary>
    public const string ReadRegion = "ReadRegion";

    /// <summary>Reading rules (console, versions, backtests): sdm or admin.</summary>
    public const string RulesRead = "RulesRead";

    /// <summary>Changing rules (validate, publish, rollback, backtest runs): sdm.</summary>
    public const string RulesAdmin = "RulesAdmin";

    /// <summary>Users, sources, audit: admin.</summary>
    public const string Admin = "Admin";

    /// <summary>Board chart files: public charts for anyone, region/unit charts for people who may read the region.</summary>
    public const string Charts = "Charts";

    /// <summary>A signed-in employee (pegawai, bound to one NIP): their own data; a leader, HR or admin account without a
    /// NIP is refused (403). What a superior may see of their reports is checked per request (<see cref="TeamScope"/>).</summary>
    public const string Employee = "Employee";

    /// <summary>HR work across regions (sdm reads every region): a unit's own predicate, employees' SKP plans. sdm or admin.</summary>
    public const string Hr = "Hr";

    /// <summary>An employee (pegawai with a NIP) or HR (sdm, admin): what is shared between an employee, their superior and HR,
    /// such as SKP evidence files; the endpoint checks which employee's data the caller may read.</summary>
    public const string EmployeeOrHr = "EmployeeOrHr";
    /// <summary>Any signed-in person, employees included (follow-up items): what each may see and do is checked per
    /// request from the session (assignee, the employee, superior chain, HR and leaders of the region).</summary>
    public const string Person = "Person";
    /// <summary>The complaints queue of the citizen survey: sdm, or a pegawai; which unit's complaints is decided per request
    /// (<see cref="Survey.ComplaintAccess"/>).</summary>
    public const string Complaints = "Complaints";

    internal static void Add(AuthorizationOptions o)
    {
        var people = AccessRoles.All.ToArray();
        o.AddPolicy(IngestWrite, p => p.RequireAuthenticatedUser().RequireClaim(AccessClaims.SourceId));
        o.AddPolicy(SignedIn, p => p.RequireRole(people));
        o.AddPolicy(ReadRegion, p => p.RequireRole(people).AddRequirements(new RegionScopeRequirement()));
        o.AddPolicy(RulesRead, p => p.RequireRole(AccessRoles.Sdm, AccessRoles.Admin));
        o.AddPolicy(RulesAdmin, p => p.RequireRole(AccessRoles.Sdm));
        o.AddPolicy(Admin, p => p.RequireRole(AccessRoles.Admin));
        o.AddPolicy(Charts, p => p.AddRequirements(new ChartAccessRequirement()));
        o.AddPolicy(Employee, p => p.RequireRole(AccessRoles.Pegawai).RequireClaim(AccessClaims.Nip));
        o.AddPolicy(Hr, p => p.RequireRole(AccessRoles.Sdm, AccessRoles.Admin));
        o.AddPolicy(EmployeeOrHr, p => p.RequireAssertion(c => c.User.IsInRole(AccessRoles.Sdm) || c.User.IsInRole(AccessRoles.Admin)
            || (c.User.IsInRole(AccessRoles.Pegawai) && c.User.HasClaim(x => x.Type == AccessClaims.Nip))));
        o.AddPolicy(Person, p => p.RequireRole(AccessRoles.Every));
        o.AddPolicy(Complaints, p => p.RequireRole(AccessRoles.Sdm, AccessRoles.Pegawai));
        // No fallback policy: requests that match no endpoint (static files, 404s) need no sign-in. An endpoint mapped
        // without a policy or AllowAnonymous fails EndpointPolicyTests.
        o.FallbackPolicy = null;
    }
}
