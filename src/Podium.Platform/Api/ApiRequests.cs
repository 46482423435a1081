using Microsoft.AspNetCore.Http;

namespace Podium.Platform.Api;

public static class ApiRequests
{
    public const string Prefix = "/api";

    /// <summary>API callers get Problem Details; everyone else gets pages.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);
}
