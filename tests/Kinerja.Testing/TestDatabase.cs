using Xunit;
using Npgsql;

namespace Kinerja.Testing;

/// <summary>
/// A freshly migrated database of its own for one test class (<c>IClassFixture&lt;TestDatabase&gt;</c>),
/// dropped afterwards. Real PostgreSQL, cloned from the migrated template.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        // also after a fixture failed before its database was made: do not hide that failure behind this one
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
        if (ConnectionString.Length > 0)
        {
            await TestCluster.DropDatabaseAsync(ConnectionString);
        }
    }
}
