using Kinerja.Bench.EmployeeScreens;

// Employee-screens bench (issue 16): N employee screens on /hubs/employee with a year of history; superiors'
// approvals -> the employee's screen, and /saya's first load.
//   dotnet bench/EmployeeScreens/bin/Release/net10.0/EmployeeScreens.dll [--employees 1000] [--rate 50] [--seconds 20]
//       [--history-days 365] [--per-superior 10] [--sample 300] [--concurrency 8] [--server <Kinerja.Dashboard.dll>]
// Internal mode: `serve-bare --urls URL` (the baseline server, started by the bench itself).
if (args.Contains("serve-bare"))
{
    await BareServer.ServeAsync(args);
    return 0;
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 2;
}
return await EmployeeBench.RunAsync(options);
