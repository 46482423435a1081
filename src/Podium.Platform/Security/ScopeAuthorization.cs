using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Podium.Platform.Security;

/// <summary>The caller must hold <see cref="Scope"/> (see <see cref="ApiScopeCatalog.Of"/> for what that means per credential).</summary>
public sealed class ScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public override string ToString() => $"scope '{Scope}'";
}

internal sealed class ScopeRequirementHandler(ApiScopeCatalog catalog) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && catalog.Of(context.User).Contains(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Names the scope an endpoint needs, for the OpenAPI document and the endpoint inventory.</summary>
public sealed record RequiredScopeMetadata(string Scope);

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
        return builder;
    }
}
