using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Hub filter that checks group access before any hub method runs that takes a <c>string group</c> (or
/// <c>string[] groups</c>) parameter, with <see cref="BoardGroupAccess"/>: <c>public:*</c> for anyone,
/// <c>region:*</c>/<c>unit:*</c> only for people who may read that region, <c>employee:{nip}</c> only for that employee
/// and their superior chain. A refused call fails with a
/// <see cref="HubException"/> ("Akses ditolak ..."), so the hub method never joins the group.
/// Register once: <c>builder.Services.AddSignalR(o =&gt; o.AddFilter&lt;BoardGroupHubFilter&gt;())</c>.
/// </summary>
public sealed class BoardGroupHubFilter(BoardGroupAccess access) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (HubGroupArguments.Of(context) is { } groups)
        {
            if (groups.Length > 64)
            {
                throw new HubException("Terlalu banyak grup dalam satu permintaan.");
            }
            foreach (var group in groups)
            {
                if (!BoardGroupAccess.IsWellFormed(group))
                {
                    throw new HubException($"Grup '{Clip(group)}' tidak dikenal. Gunakan region:{{id}}, unit:{{id}}, public:{{id}} atau employee:{{nip}}.");
                }
                if (!await access.CanJoinAsync(context.Context.User, group, context.Context.ConnectionAborted))
                {
                    throw new HubException($"Akses ditolak untuk grup '{Clip(group)}'.");
                }
            }
        }
        return await next(context);
    }

    private static string Clip(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
