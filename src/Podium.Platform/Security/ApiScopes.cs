using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Podium.Platform.Identity;

namespace Podium.Platform.Security;

/// <summary>
/// One permission a program can be given. <paramref name="Roles"/> are the roles whose members hold it: a person signed
/// in with the cookie has every scope of their roles, a token or key carries a chosen subset, and never more than its
/// owner's roles allow at the moment it is used.
/// </summary>
/// <param name="Name">Lower-case, colon-separated, e.g. <c>profile:read</c>; a module's start with its name.</param>
public sealed record ApiScope(string Name, string Description, IReadOnlyList<string> Roles);

/// <summary>The scopes this host knows: the platform's, plus those modules add with <see cref="ApiScopeExtensions.AddApiScope"/>.</summary>
public sealed class ApiScopeCatalog
{
    private readonly Dictionary<string, ApiScope> _byName;

    public ApiScopeCatalog(IEnumerable<ApiScope> scopes)
    {
        _byName = new Dictionary<string, ApiScope>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (!_byName.TryAdd(scope.Name, scope))
            {
                throw new InvalidOperationException($"The API scope '{scope.Name}' is registered more than once.");
            }
        }

        All = [.. _byName.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ApiScope> All { get; }

    public bool Exists(string name) => _byName.ContainsKey(name);

    /// <summary>The scopes members of <paramref name="roles"/> hold.</summary>
    public IReadOnlySet<string> AllowedFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return All.Where(s => s.Roles.Any(held.Contains)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// What the caller may do: a token or key carries its scopes (already cut down to its owner's roles when it was
    /// checked); a person signed in with the cookie has everything their roles allow.
    /// </summary>
    public IReadOnlySet<string> Of(ClaimsPrincipal principal) =>
        PodiumClaims.CredentialOf(principal) == CredentialKind.Cookie
            ? AllowedFor(PodiumClaims.RolesOf(principal))
            : PodiumClaims.ScopesOf(principal);
}

/// <summary>The platform's own scopes; each module adds its own with <see cref="ApiScopeExtensions.AddApiScope"/>.</summary>
public static class ApiScopes
{
    public const string ProfileRead = "profile:read";
    public const string Admin = "admin";

    internal static IEnumerable<ApiScope> Builtin =>
    [
        new(ProfileRead, "Read your own profile (GET /api/v1/me).", [Identity.Roles.Member, Identity.Roles.Organizer, Identity.Roles.Admin]),
        new(Admin, "Administer the site (administrators).", [Identity.Roles.Admin]),
    ];
}

public static class ApiScopeExtensions
{
    /// <summary>Adds a scope to the catalogue (a module's own permission); the name must be unique across the host.</summary>
    public static IServiceCollection AddApiScope(this IServiceCollection services, string name, string description, params string[] roles)
    {
        services.AddSingleton(new ApiScope(name, description, roles));
        return services;
    }

    internal static IServiceCollection AddPodiumApiScopes(this IServiceCollection services)
    {
        foreach (var scope in ApiScopes.Builtin)
        {
            services.AddSingleton(scope);
        }

        services.TryAddSingleton<ApiScopeCatalog>();
        return services;
    }
}

/// <summary>How the caller proved who they are.</summary>
public enum CredentialKind
{
    Anonymous,
    Cookie,
    Jwt,
    ApiKey,
}

/// <summary>
/// The claims tokens and keys carry (JWT names, not the long URIs the cookie uses), and how to read a principal of any
/// credential kind the same way.
/// </summary>
public static class PodiumClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>Space-separated, as in OAuth 2.0 (RFC 8693 section 4.2).</summary>
    public const string Scope = "scope";

    /// <summary>Which credential made the principal (<c>jwt</c>, <c>api-key</c>); absent on the cookie's principal.</summary>
    public const string Credential = "podium:cred";

    public static CredentialKind CredentialOf(ClaimsPrincipal principal) => principal.FindFirstValue(Credential) switch
    {
        "jwt" => CredentialKind.Jwt,
        "api-key" => CredentialKind.ApiKey,
        _ => principal.Identity?.IsAuthenticated == true ? CredentialKind.Cookie : CredentialKind.Anonymous,
    };

    public static string Name(CredentialKind kind) => kind switch
    {
        CredentialKind.Cookie => "cookie",
        CredentialKind.Jwt => "jwt",
        CredentialKind.ApiKey => "api-key",
        _ => "anonymous",
    };

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal principal) =>
        [.. principal.Claims.Where(c => c.Type is ClaimTypes.Role or Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal principal) =>
        principal.FindAll(Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
}
