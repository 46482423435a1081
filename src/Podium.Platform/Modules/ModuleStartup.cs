using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Podium.Platform.Modules;

/// <summary>
/// How a host adds one module: its own <c>Add…</c> and <c>Map…</c> methods, given as method groups so the module's
/// assembly is known without being named (the architecture tests check every module of the host's list).
/// </summary>
public sealed record ModuleStartup(
    Func<IHostApplicationBuilder, IHostApplicationBuilder> Add,
    Func<IEndpointRouteBuilder, IEndpointRouteBuilder> Map)
{
    /// <summary>The assembly that declares <see cref="Add"/>: the module's own.</summary>
    public Assembly Assembly => Add.Method.DeclaringType?.Assembly
        ?? throw new InvalidOperationException("A module's Add method must be declared by a type of the module.");
}

public static class ModuleStartupExtensions
{
    /// <summary>Adds every module of the host's list, in order, after the platform; <see cref="MapModules"/> maps them.</summary>
    public static IHostApplicationBuilder AddModules(this IHostApplicationBuilder builder, IEnumerable<ModuleStartup> modules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            builder.Services.AddSingleton(module);
            module.Add(builder);
        }

        return builder;
    }

    /// <summary>Maps the endpoints of the modules <see cref="AddModules"/> added, so the host names its list once.</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var module in app.Services.GetServices<ModuleStartup>())
        {
            module.Map(app);
        }

        return app;
    }
}
