using System.CommandLine;

namespace Kinerja.Dashboard.Access.Cli;

/// <summary>
/// <c>users provision (--region ID | --csv FILE) --out FILE [--reissue]</c>: pegawai accounts for every active employee of a region
/// or the NIPs of a list (<see cref="EmployeeProvisioning"/>), their one-time activation codes written to a new file
/// (<see cref="CodesFile"/>, mode 0600). Idempotent: a re-run creates only the missing accounts.
/// </summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var region = new Option<string>("--region") { Description = "Every active employee of this region." };
        var csv = new Option<FileInfo>("--csv") { Description = "A file of NIPs (one per line, or the first CSV column; header 'nip' optional)." };
        var output = new Option<FileInfo>("--out") { Description = "New file for the activation codes (nip,name,username,code; mode 0600).", Required = true };
        var reissue = new Option<bool>("--reissue") { Description = "Also give new codes to accounts of the set not activated yet (lost or expired codes)." };
        var provision = new Command("provision",
            "Create pegawai accounts (user name = NIP) with one-time activation codes; skips employees who have an account.")
            { region, csv, output, reissue };
        provision.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, stdout, token) =>
        {
            var regionId = parse.GetValue(region);
            var list = parse.GetValue(csv);
            if ((regionId is null) == (list is null))
            {
                throw new AccessException("Give exactly one of --region ID or --csv FILE.");
            }
            if (list is { Exists: false })
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: File not found: {list.FullName}");
                return Kinerja.Dashboard.Cli.CliExitCodes.Usage;
            }
            var rows = list is null ? null : await NipList.ReadAsync(list.FullName, token);
            var path = parse.GetValue(output)!.FullName;
            var provisioning = sp.GetRequiredService<EmployeeProvisioning>();
            ProvisioningResult result;
            await using (var file = CodesFile.CreateNew(path))
            {
                try
                {
                    result = rows is null
                        ? await provisioning.ForRegionAsync(regionId!, AccessCli.Actor, parse.GetValue(reissue), token)
                        : await provisioning.ForNipsAsync(rows, AccessCli.Actor, parse.GetValue(reissue), token);
                }
                catch
                {
                    file.Close();
                    File.Delete(path); // nothing was created: leave no empty codes file behind
                    throw;
                }
                await CodesFile.WriteAsync(file, result.Codes, token);
            }
            foreach (var error in result.Errors)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("rejected " + error);
            }
            await stdout.WriteLineAsync($"Created {result.Created.Count} pegawai accounts; " +
                                        (parse.GetValue(reissue) ? $"reissued {result.Reissued.Count} codes; " : "") +
                                        $"{result.AlreadyHadAccount} already had one; rejected {result.Errors.Count}.");
            await stdout.WriteLineAsync($"Activation codes: {path} (readable by you only), valid until {result.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
            await stdout.WriteLineAsync("Hand each person their code; they sign in at /aktivasi (or /masuk) with user name = NIP and choose a password.");
            return result.Errors.Count == 0 ? 0 : 1;
        }, ct));
        return provision;
    }
}
