using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Podium.Platform.Api;

public static class ApiRequests
{
    public const string Prefix = "/api";

    /// <summary>API callers get Problem Details; everyone else gets pages.</summary>
    public static bool IsApi(HttpContext context) => OriginalPath(context).StartsWithSegments(Prefix);

    /// <summary>
    /// The path the client asked for. While an exception is handled the request has already been pointed at the
    /// error page, so the original path comes from the exception handler's feature.
    /// </summary>
    public static PathString OriginalPath(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>() is { Path: { } path } ? new PathString(path) : context.Request.Path;
}
