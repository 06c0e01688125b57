using Kinerja.Ingest.Http;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>
/// For every registered stream: a source whose key is scoped to some regions or units stores items about them and gets
/// items about anything else rejected on the subject's field, while the rest of the batch is stored.
/// </summary>
public sealed class StreamScopeTests(TestDatabase db) : ConformanceTestBase(db), IClassFixture<TestDatabase>
{
    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task RegionScopedSource_StoresItsRegion_RejectsAnotherRegionOnTheSubjectField(string stream)
    {
        await using var scoped = await ScopedHostAsync(new IngestScope(new HashSet<string> { Org.Region }, null));
        var inside = await Samples(stream).ValidAsync(Context);
        var outside = await Samples(stream).ValidAsync(Context, outsideScope: true);

        var result = await (await scoped.Client.PostJsonAsync(stream, outside, inside)).ResultAsync();

        var (field, message) = Assert.Single(ErrorsAt(result, 0));
        Assert.Equal(Samples(stream).ScopeField, field);
        Assert.Contains("outside this source's scope", message);
        Assert.Equal("accepted", result.StatusAt(1));
        Assert.Equal(1L, await StoredAsync(stream, inside, outside));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task UnitScopedSource_RejectsSubjectsOfOtherUnits(string stream)
    {
        await using var scoped = await ScopedHostAsync(new IngestScope(null, new HashSet<string> { Org.PapuaUnit }));
        var otherUnit = await Samples(stream).ValidAsync(Context);
        var ownUnit = await Samples(stream).ValidAsync(Context, outsideScope: true);

        var result = await (await scoped.Client.PostJsonAsync(stream, otherUnit, ownUnit)).ResultAsync();

        Assert.Equal(Samples(stream).ScopeField, Assert.Single(ErrorsAt(result, 0)).Field);
        Assert.Equal("accepted", result.StatusAt(1));
        Assert.Equal(1L, await StoredAsync(stream, otherUnit, ownUnit));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task EmptyScope_AllowsNothing(string stream)
    {
        await using var scoped = await ScopedHostAsync(new IngestScope(new HashSet<string>(), new HashSet<string>()));
        var item = await Samples(stream).ValidAsync(Context);
        var result = await (await scoped.Client.PostJsonAsync(stream, item)).ResultAsync();
        Assert.Equal(Samples(stream).ScopeField, Assert.Single(ErrorsAt(result, 0)).Field);
    }

    [Theory]
    [InlineData("activities")]
    [InlineData("reviews")]
    public async Task EmployeeScope_StoresItemsNamingThatEmployee_RejectsAnotherOnTheNipField(string stream)
    {
        var own = await Samples(stream).ValidAsync(Context);
        var other = await Samples(stream).ValidAsync(Context);
        var nipField = Samples(stream).ScopeField;
        var ownNip = own[nipField]!.GetValue<string>();
        other[nipField] = Org.Staff[0] == ownNip ? Org.Staff[1] : Org.Staff[0];
        await using var scoped = await ScopedHostAsync(new IngestScope(null, null) { Employees = new HashSet<string> { ownNip } });

        var result = await (await scoped.Client.PostJsonAsync(stream, other, own)).ResultAsync();

        var (field, message) = Assert.Single(ErrorsAt(result, 0));
        Assert.Equal(nipField, field);
        Assert.Equal($"{nipField} {other[nipField]} names another employee: this submission may only name {ownNip} (the signed-in employee).", message);
        Assert.Equal("accepted", result.StatusAt(1));
        Assert.Equal(1L, await StoredAsync(stream, own, other));
    }

    private Task<IngestHost> ScopedHostAsync(IngestScope scope) => IngestHost.StartAsync(Db.DataSource,
        configure: s => s.AddSingleton<IIngestScopeResolver>(new FixedScope(scope)));

    private sealed class FixedScope(IngestScope scope) : IIngestScopeResolver
    {
        public ValueTask<IngestScope?> ResolveAsync(HttpContext context, Contracts.IngestStream stream, CancellationToken ct) =>
            ValueTask.FromResult<IngestScope?>(scope);
    }
}
