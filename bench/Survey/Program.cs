using Kinerja.Bench.Survey;

// Survey bench (issue 18): sustained anonymous survey submissions at a target rate against the Release server on its
// own embedded PostgreSQL (demo seed, simulator off, survey limits off for the run); reports accepted/s, p50/p99 and
// whether every 2xx is durable (rows in survey_response = accepted answers).
//   dotnet bench/Survey/bin/Release/net10.0/SurveyBench.dll [--rate 500] [--seconds 30] [--server <Kinerja.Dashboard.dll>]
try
{
    var options = SurveyBenchOptions.Parse(args);
    return await SurveyBench.RunAsync(options);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 2;
}
