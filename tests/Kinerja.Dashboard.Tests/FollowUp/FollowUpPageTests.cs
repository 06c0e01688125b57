using System.Net;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.FollowUp;

/// <summary>HR's list page <c>/tindak-lanjut</c>: the regions offered are the reader's, the frame has no inline script.</summary>
public sealed class FollowUpPageTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>
{
    [Fact]
    public async Task HrPage_OffersOnlyTheHrsRegions_AndRefusesEmployees()
    {
        await TestData.SeedRegionAsync(app.DataSource, "fp-satu");
        await TestData.SeedRegionAsync(app.DataSource, "fp-dua");
        var hr = app.CreateClient();
        hr.DefaultRequestHeaders.Add(TestUserHandler.Header, await app.UserAsync(AccessRoles.Sdm, "fp-satu"));
        var html = await hr.GetStringAsync("/tindak-lanjut");
        Assert.Contains("<option value=\"fp-satu\">", html);
        Assert.DoesNotContain("fp-dua", html);
        Assert.Contains("/js/tindak-lanjut.js", html);
        Assert.DoesNotContain("onsubmit", html);

        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "fp-satu", "fp-satu-dinas", 1, 8100);
        await app.Services.GetRequiredService<EmployeeAccountStore>().AddAsync("fp-pegawai", nips[1], Passwords.Hash("rahasia-uji-123"), "test");
        var employee = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        employee.DefaultRequestHeaders.Add(TestUserHandler.Header, "fp-pegawai");
        using var refused = await employee.GetAsync("/tindak-lanjut");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, ((int)refused.StatusCode).ToString());
    }
}
