using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The group names a hub method call carries: the argument named <c>group</c> (a string) or <c>groups</c> (strings).
/// Which argument that is is found once per method, not per call. Shared by the filters that check groups
/// (<see cref="BoardGroupHubFilter"/>) and that remember what a connection joined (<see cref="Live.LiveConnectionFilter"/>).
/// </summary>
public static class HubGroupArguments
{
    private static readonly ConcurrentDictionary<MethodInfo, int> GroupArgument = new();

    /// <summary>The groups of the call, or null when the method takes none (a non-string value counts as one empty name).</summary>
    public static string[]? Of(HubInvocationContext context)
    {
        var index = GroupArgument.GetOrAdd(context.HubMethod, static m => Array.FindIndex(m.GetParameters(), p =>
            (p.Name == "group" && p.ParameterType == typeof(string))
            || (p.Name == "groups" && typeof(IEnumerable<string>).IsAssignableFrom(p.ParameterType))));
        if (index < 0 || index >= context.HubMethodArguments.Count)
        {
            return null;
        }
        return context.HubMethodArguments[index] switch
        {
            string one => [one],
            IEnumerable<string> many => many.ToArray(),
            _ => [""],
        };
    }

    /// <summary>True for a method that leaves its groups (<c>Unsubscribe…</c>); every other group method joins them.</summary>
    public static bool Leaves(HubInvocationContext context) =>
        context.HubMethodName.StartsWith("Unsubscribe", StringComparison.Ordinal);
}
