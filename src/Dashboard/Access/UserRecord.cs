namespace Kinerja.Dashboard.Access;

/// <summary>
/// A user row (times in UTC). <see cref="Regions"/> are the granted regions (meaningful for pimpinan); <see cref="Nip"/>
/// is set for pegawai only; <see cref="MustChangePassword"/> is set until a provisioned account is activated.
/// </summary>
public sealed record UserRecord(long Id, string Username, string DisplayName, string Role, string PasswordHash,
    int FailedCount, DateTime? LockedUntil, Guid SecurityStamp, DateTime? DisabledAt, DateTime? LastLoginAt,
    string? Nip, bool MustChangePassword)
{
    public IReadOnlyList<string> Regions { get; init; } = [];

    public bool Disabled => DisabledAt is not null;
}

/// <summary>Thrown for a request the store refuses (unknown user, duplicate name, unknown region...); the message says why.</summary>
public sealed class AccessException(string message) : Exception(message);
