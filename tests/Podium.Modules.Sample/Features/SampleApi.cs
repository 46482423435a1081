using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Podium.Modules.Sample.Features;

/// <summary><c>/api/v1/sample</c>: names no scope, so it reads with the module's (<c>sample:read</c>) from the group.</summary>
internal static class SampleApi
{
    public static RouteGroupBuilder MapSampleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tip", GetTip)
            .WithName("GetSampleTip")
            .WithSummary("Today's tip (the server's UTC day).");
        return api;
    }

    internal static Ok<TipDto> GetTip(DailyTip tips) => TypedResults.Ok(tips.Today());
}
