using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Api;

namespace Podium.Platform.Security;

/// <summary>
/// Every API endpoint must say who may call it: anonymous on purpose (<c>AllowAnonymous()</c>) or a policy
/// (<c>RequireAuthorization(…)</c>), usually once per route group. An endpoint that says neither is a bug waiting to
/// leak data, so the test suite fails on it.
/// </summary>
public static class EndpointAuthorization
{
    public static IReadOnlyList<string> Undecided(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith(ApiRequests.Prefix + "/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0
                && e.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count == 0
                && e.Metadata.GetOrderedMetadata<IAuthorizationRequirementData>().Count == 0)
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal)];
}
