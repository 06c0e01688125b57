using System.Text.Json;
using System.Threading.Channels;
using Kinerja.Dashboard.Skp;
using Kinerja.Dashboard.Skp.Import;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The hints after an import (<see cref="SkpPush.AfterImportAsync"/>) on the real hub: 2,000 changed reports of one superior
/// are one <c>SkpChanged</c> on the superior's screen, and each report's own screen gets its own one.
/// </summary>
public sealed class SkpImportPushTests(LoopServerFactory app) : SkpWorldTests(app, "sip", 8730)
{
    [Fact]
    public async Task TwoThousandChangedReports_AreOneHintOnTheSuperiorsScreen()
    {
        await using var superior = await ConnectAsync("b", W.B);
        await using var report = await ConnectAsync("s1", W.S1);
        var (toSuperior, toReport) = (CollectSkpChanged(superior), CollectSkpChanged(report));
        var touched = Enumerable.Range(0, 2_000)
            .Select(i => new SkpImportTouch(i == 0 ? W.S1 : $"19{i:D16}", W.B, W.RegionA, W.UnitA)).ToList();

        await SkpPush.AfterImportAsync(App.Services, touched, App.Services.GetRequiredService<TimeProvider>(), NullLogger.Instance);

        Assert.Equal(W.S1, (await toSuperior.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("nip").GetString());
        Assert.Equal(W.S1, (await toReport.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("nip").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(toSuperior.Reader.TryRead(out _), "the superior's screen got more than one SkpChanged for one import");
        Assert.False(toReport.Reader.TryRead(out _), "a report's screen got more than one SkpChanged for one import");
    }
}
