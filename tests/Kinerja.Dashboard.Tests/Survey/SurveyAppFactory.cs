using Kinerja.Dashboard.Tests.Board;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>The board server with the survey limits of the tests: one survey per device a day, no address limit.</summary>
public class SurveyAppFactory : BoardAppFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["Kinerja:Survey:PerDevicePerDay"] = "1";
            s["Kinerja:Survey:PerAddressPerMinute"] = AddressLimit;
            return s;
        }
    }

    /// <summary>Requests per address a minute (the test server has no client address: every client is one address).</summary>
    protected virtual string AddressLimit => "0";
}

/// <summary>The same with five requests per address a minute.</summary>
public sealed class SurveyBurstAppFactory : SurveyAppFactory
{
    protected override string AddressLimit => "5";
}

/// <summary>Survey requests as a phone would send them.</summary>
internal static class SurveyRequests
{
    /// <summary>A full answer (every element <paramref name="answer"/>) with a fresh responseId.</summary>
    public static System.Text.Json.Nodes.JsonObject Body(int answer = 3, Guid? responseId = null)
    {
        var answers = new System.Text.Json.Nodes.JsonObject();
        for (var i = 1; i <= 9; i++)
        {
            answers["u" + i] = answer;
        }
        return new System.Text.Json.Nodes.JsonObject
        {
            ["responseId"] = (responseId ?? Guid.NewGuid()).ToString(),
            ["answers"] = answers,
        };
    }

    /// <summary>An anonymous client that is its own device (a User-Agent of its own).</summary>
    public static HttpClient Device<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> app, string? name = null) where T : class
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SurveyTest/" + (name ?? Guid.NewGuid().ToString("N")));
        return client;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string unitId, System.Text.Json.Nodes.JsonNode body) =>
        client.PostAsync("/api/v1/survey/" + unitId,
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
}
