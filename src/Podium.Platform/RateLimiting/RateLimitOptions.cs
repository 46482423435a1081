using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Podium.Platform.RateLimiting;

/// <summary>The named policies. Callers are limited by who they are; some endpoints add a stricter policy on top.</summary>
public static class RateLimitPolicies
{
    /// <summary>Callers without credentials, per IP address (IPv6 per /64, since one host gets a whole /64).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Signed-in people, per user, whichever instance or address they come from.</summary>
    public const string User = "user";

    /// <summary>Programs, per API key.</summary>
    public const string ApiKey = "api-key";

    /// <summary>Sign-in, sign-up and password-reset submissions, per IP address, on top of the caller's limit.</summary>
    public const string Account = "account-forms";

    /// <summary>The claim an API key's authentication adds, naming the key: its requests are limited per key.</summary>
    public const string ApiKeyClaimType = "podium:api_key_id";
}

public sealed class RateLimitPolicyOptions
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// <c>Podium:RateLimits</c>: one fixed window per policy. With Redis the count is shared by every instance (one
/// atomic script per check); without it, or while it is down, each instance counts alone.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Podium:RateLimits";

    public bool Enabled { get; set; } = true;

    public RateLimitPolicyOptions Anonymous { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    public RateLimitPolicyOptions User { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    public RateLimitPolicyOptions ApiKey { get; set; } = new() { PermitLimit = 1200, WindowSeconds = 60 };

    public RateLimitPolicyOptions Account { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    public RateLimitPolicyOptions? Get(string policy) => policy switch
    {
        RateLimitPolicies.Anonymous => Anonymous,
        RateLimitPolicies.User => User,
        RateLimitPolicies.ApiKey => ApiKey,
        RateLimitPolicies.Account => Account,
        _ => null,
    };
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var policy in new[] { RateLimitPolicies.Anonymous, RateLimitPolicies.User, RateLimitPolicies.ApiKey, RateLimitPolicies.Account })
        {
            var values = options.Get(policy)!;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(values, new ValidationContext(values), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{RateLimitOptions.SectionName} '{policy}': {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
