namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// Told when <see cref="LiveAccessRechecks"/> removed a connection from a group it may no longer join, after the
/// removal (e.g. the board's count of watched groups, <c>Board/BoardGroupRevocation.cs</c>). Register as a singleton.
/// </summary>
public interface ILiveGroupRevoked
{
    void Revoked(string connectionId, string group);
}
