using System.ComponentModel.DataAnnotations;
using Kinerja.Rules.Hosting;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Safety;

/// <summary>Validates <c>Kinerja:Rules:Limits</c> at start, naming each setting out of its range.</summary>
internal sealed class RuleLimitsValidation : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options.Limits, new ValidationContext(options.Limits), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r =>
            $"Kinerja:Rules:Limits:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
