using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Podium.Platform.Api;

internal static class OpenApiExtensions
{
    public static IServiceCollection AddPodiumOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Podium API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Prediction leagues and club competitions. Errors are RFC 9457 Problem Details carrying a traceId.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapPodiumOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        // Scalar serves its assets from the assembly; its default web fonts come from a CDN, so they are off.
        endpoints.MapScalarApiReference("/docs", options => options
            .WithTitle("Podium API")
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return endpoints;
    }
}
