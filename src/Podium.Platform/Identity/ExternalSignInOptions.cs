using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Identity;

/// <summary>
/// External sign-in providers: <c>Podium:Authentication:Oidc:{Name}</c>, any number of OpenID Connect providers.
/// The name becomes the authentication scheme and is stored with every linked account, so it must not change once
/// people have linked their accounts.
/// </summary>
public sealed class ExternalSignInOptions
{
    public const string SectionName = "Podium:Authentication";

    public Dictionary<string, OidcProviderOptions> Oidc { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class OidcProviderOptions
{
    /// <summary>Used when no scopes are configured: who the person is, and the e-mail address to match accounts on.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "profile", "email"];

    /// <summary>The issuer; its <c>/.well-known/openid-configuration</c> is read at the first sign-in.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Required in Production: Podium is a confidential client (PKCE is used as well).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Empty: <see cref="DefaultScopes"/>. <c>openid</c> is always requested.</summary>
    public List<string> Scopes { get; } = [];

    /// <summary>The button text says "Sign in with {DisplayName}"; the name when empty.</summary>
    public string? DisplayName { get; set; }

    public IReadOnlyList<string> EffectiveScopes() =>
        Scopes.Count == 0 ? DefaultScopes : ["openid", .. Scopes.Where(s => s != "openid").Distinct(StringComparer.Ordinal)];
}

/// <summary>Refuses to start on a provider that could not work, or would not be safe, naming the setting.</summary>
internal sealed partial class ExternalSignInOptionsValidator(bool production) : IValidateOptions<ExternalSignInOptions>
{
    public const int MaxDisplayNameLength = 40;

    public ValidateOptionsResult Validate(string? name, ExternalSignInOptions options)
    {
        var failures = new List<string>();
        foreach (var (provider, settings) in options.Oidc)
        {
            var key = $"{ExternalSignInOptions.SectionName}:Oidc:{provider}";
            if (!ProviderName().IsMatch(provider))
            {
                failures.Add($"{key}: the provider name must be 1 to 32 letters, digits, '-' or '_' (it is part of the callback path).");
            }

            if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"{key}:Authority must be the provider's absolute https:// address.");
            }
            else if (production && authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{key}:Authority must use https in Production: codes and tokens would cross the network in the clear.");
            }

            if (string.IsNullOrWhiteSpace(settings.ClientId))
            {
                failures.Add($"{key}:ClientId is required.");
            }

            if (production && string.IsNullOrWhiteSpace(settings.ClientSecret))
            {
                failures.Add($"{key}:ClientSecret is required in Production.");
            }

            if (settings.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
            {
                failures.Add($"{key}:Scopes: each entry is one scope, without spaces.");
            }

            if (settings.DisplayName is { Length: > MaxDisplayNameLength })
            {
                failures.Add($"{key}:DisplayName must be at most {MaxDisplayNameLength} characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex ProviderName();
}
