using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Podium.Platform.Api;
using Podium.Platform.Identity;

namespace Podium.Platform.Security;

/// <summary>The caller must hold <see cref="Scope"/> (see <see cref="ApiScopeCatalog.Of"/> for what that means per credential).</summary>
/// <param name="anonymousAllowed">Callers without a credential pass too; only a signed-in caller must hold the scope.</param>
public sealed class ScopeRequirement(string scope, bool anonymousAllowed = false) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public bool AnonymousAllowed { get; } = anonymousAllowed;

    public override string ToString() => AnonymousAllowed ? $"scope '{Scope}' when signed in" : $"scope '{Scope}'";
}

internal sealed class ScopeRequirementHandler(ApiScopeCatalog catalog) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        // Not signed in yet carrying a credential: it was refused (bad checksum, wrong network, unsigned, expired). The
        // anonymous view would hide that from the program, so the challenge says why instead (401, or 403 for a network).
        var anonymous = !signedIn && !(context.Resource is HttpContext http && ApiAuthentication.PresentsCredential(http));
        if (signedIn ? catalog.Of(context.User).Contains(requirement.Scope) : anonymous && requirement.AnonymousAllowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Names the scope an endpoint needs, for the OpenAPI document and the endpoint inventory.</summary>
/// <param name="AnonymousAllowed">Public data: callers without a credential may call it too.</param>
public sealed record RequiredScopeMetadata(string Scope, bool AnonymousAllowed = false);

public static class ScopeAuthorizationExtensions
{
    /// <summary>
    /// The one way API endpoints say what they need: a signed-in caller (cookie, JWT or API key) holding
    /// <paramref name="scope"/>. Put it on a route group; a role is implied by the scope's catalogue entry.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        builder.WithMetadata(new RequiredScopeMetadata(scope));
        builder.ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        return builder;
    }

    /// <summary>
    /// Public data that signed-in callers read with their rights (their own vote, say): anyone without a credential
    /// may call it, but a caller who signs in — cookie, JWT or API key — must hold <paramref name="scope"/>, so a key
    /// made for something else cannot read it (403), and a token or key that is refused gets 401 (403 from a network the
    /// key may not be used from), not the anonymous view. Use instead of <c>AllowAnonymous()</c>, which would skip the check.
    /// </summary>
    public static TBuilder RequireScopeWhenSignedIn<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        builder.Add(endpoint => AddScopeWhenSignedIn(endpoint, scope));
        return builder;
    }

    /// <summary>What <see cref="RequireScopeWhenSignedIn"/> adds, for conventions that decide per endpoint (a module's API group).</summary>
    internal static void AddScopeWhenSignedIn(EndpointBuilder endpoint, string scope)
    {
        // As RequireAuthorization(policy) does: the attribute makes the authorization middleware look at the endpoint.
        if (!endpoint.Metadata.Any(m => m is IAuthorizeData))
        {
            endpoint.Metadata.Add(new AuthorizeAttribute());
        }

        endpoint.Metadata.Add(new AuthorizationPolicyBuilder().AddRequirements(new ScopeRequirement(scope, anonymousAllowed: true)).Build());
        endpoint.Metadata.Add(new RequiredScopeMetadata(scope, AnonymousAllowed: true));
        endpoint.Metadata.Add(ApiProblemMetadata.Problem(StatusCodes.Status401Unauthorized));
        endpoint.Metadata.Add(ApiProblemMetadata.Problem(StatusCodes.Status403Forbidden));
    }
}
