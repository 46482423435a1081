using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Podium.Platform.Input;

/// <summary>
/// The rules every input meets whichever module's page or endpoint receives it (see <see cref="TextRules"/>,
/// <see cref="DateRules"/>), and the answers to requests no page handles: set once here, so pages and endpoints a
/// module adds later are covered without doing anything.
/// </summary>
internal static class InputExtensions
{
    public static IServiceCollection AddPodiumInput(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(options =>
        {
            options.ModelBinderProviders.Insert(0, new InputModelBinderProvider());
            options.Filters.Add(new FormInputFilter());
            options.Filters.Add(new PageHandlerFilter());
            options.Filters.Add(new RefusedDateFilter());
        });

        // After every other configuration, so the checks wrap whatever resolver the app ends up with.
        services.PostConfigure<HttpJsonOptions>(options => JsonInputRules.Apply(options.SerializerOptions));
        return services;
    }

    /// <summary>After routing (route values are known) and the per-caller limits (refusals count towards them).</summary>
    public static IApplicationBuilder UsePodiumInputRules(this IApplicationBuilder app) => app.UseMiddleware<InputRulesMiddleware>();
}
