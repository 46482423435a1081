using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Podium.Platform.Api;

public static class ApiProblemMetadata
{
    /// <summary>
    /// Says in the OpenAPI document that an endpoint (or every endpoint of a group) may answer these statuses with a
    /// Problem Details body. Typed results describe the successes and 400s; a <c>ProblemHttpResult</c> names no status,
    /// so 404s and 409s have to be declared, and the scope helpers declare 401 and 403 themselves.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var statusCode in statusCodes)
        {
            builder.WithMetadata(Problem(statusCode));
        }

        return builder;
    }

    internal static ProducesResponseTypeMetadata Problem(int statusCode) =>
        new(statusCode, typeof(ProblemDetails), ["application/problem+json"]);
}
