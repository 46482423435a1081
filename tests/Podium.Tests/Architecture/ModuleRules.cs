using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Podium.Tests.Architecture;

/// <summary>
/// The rules every <c>Podium.Modules.*</c> assembly keeps. Each takes what it checks (types, endpoints) rather than
/// an assembly, and answers the breaches it finds, so a test can hand it a deliberately broken module and see it fail.
/// </summary>
internal static partial class ModuleRules
{
    /// <summary>Types the Razor compiler makes public for every view; they are not the module's API.</summary>
    private const string GeneratedViews = "AspNetCoreGeneratedDocument";

    /// <summary>A module exports its <c>Add…</c>/<c>Map…</c> class and nothing else.</summary>
    public static IReadOnlyList<string> OneExportedType(IEnumerable<Type> types)
    {
        var exported = types.Where(t => t.IsVisible && t.Namespace?.StartsWith(GeneratedViews, StringComparison.Ordinal) != true).ToList();
        return exported.Count == 1 ? [] : [$"{exported.Count} exported types: {string.Join(", ", exported.Select(t => t.FullName))}"];
    }

    public static IReadOnlyList<string> EntityConfigurationsInternalSealed(IEnumerable<Type> types) =>
    [
        .. types
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            .Where(t => t.IsVisible || !t.IsSealed)
            .Select(t => $"{t.FullName} is not internal sealed"),
    ];

    /// <summary>The domain (namespaces ending in <c>.Domain</c>) knows nothing of storage or the web, in signatures or bodies.</summary>
    public static IReadOnlyList<string> DomainIsPlain(IEnumerable<Type> types) =>
    [
        .. types
            .Where(t => t.Namespace?.EndsWith(".Domain", StringComparison.Ordinal) == true)
            .SelectMany(t => UsedTypes(t).Where(IsInfrastructure).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Every page under <c>{area}/manage</c> needs the module's own policy (named <c>{module}-…</c>).</summary>
    public static IReadOnlyList<string> ManagePagesCarryTheModulePolicy(string module, IEnumerable<RouteEndpoint> endpoints)
    {
        var pages = endpoints
            .Where(e => string.Equals(e.Metadata.GetMetadata<PageActionDescriptor>()?.AreaName, module, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (pages.Count == 0)
        {
            return [];
        }

        return
        [
            .. pages
                .Where(e => e.RoutePattern.RawText!.StartsWith($"{module}/manage", StringComparison.OrdinalIgnoreCase))
                .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy?.StartsWith($"{module}-", StringComparison.Ordinal) == true))
                .Select(e => $"/{e.RoutePattern.RawText} is open to anyone without the module's policy"),
        ];
    }

    /// <summary>
    /// A module's landing page (its area's <c>Index</c>, at the module's path) is its most-read page: visitors get it
    /// from the output cache, which the module asks for by declaring its <c>LandingPageTags</c>.
    /// </summary>
    public static IReadOnlyList<string> LandingPageIsOutputCached(string module, IEnumerable<RouteEndpoint> endpoints) =>
    [
        .. endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { } page
                && string.Equals(page.AreaName, module, StringComparison.OrdinalIgnoreCase)
                && string.Equals(page.ViewEnginePath, "/Index", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetMetadata<OutputCacheAttribute>() is null)
            .Select(e => $"/{e.RoutePattern.RawText} is rendered for every visitor: declare the module's LandingPageTags"),
    ];

    /// <summary>Page models call the module's handlers to change data, as the API does; they never save themselves.</summary>
    public static IReadOnlyList<string> PageModelsDoNotWrite(IEnumerable<Type> types) =>
    [
        .. types
            .Where(t => typeof(PageModel).IsAssignableFrom(t))
            .Where(t => IlReader.MethodsOf(t).SelectMany(IlReader.CalledMethods).Any(IsWrite))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Platform names no module: no type called after one, and no string that uses a module's name as an identifier
    /// (a path, scope, policy, table or key such as <c>/club</c>, <c>club:read</c>, <c>club_</c>), so plain words may stay.
    /// </summary>
    public static IReadOnlyList<string> NamesNoModule(IEnumerable<Type> types, IEnumerable<string> modules)
    {
        var names = modules.ToList();
        var breaches = new List<string>();
        foreach (var type in types)
        {
            breaches.AddRange(names.Where(m => type.Name.Contains(m, StringComparison.OrdinalIgnoreCase)).Select(m => $"type {type.FullName} names {m}"));
            foreach (var text in IlReader.MethodsOf(type).SelectMany(IlReader.Strings))
            {
                breaches.AddRange(names.Where(m => Identifier(m).IsMatch(text)).Select(m => $"{type.FullName} holds \"{text}\", naming {m}"));
            }
        }

        return [.. breaches.Distinct(StringComparer.Ordinal)];
    }

    private static Regex Identifier(string module) =>
        new($@"(^|[/:_\-.]){Regex.Escape(module)}($|[/:_\-.])|^{Regex.Escape(module)}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool IsWrite(MethodBase method) =>
        (typeof(DbContext).IsAssignableFrom(method.DeclaringType) && method.Name.StartsWith("SaveChanges", StringComparison.Ordinal))
        || (method.DeclaringType?.Assembly.GetName().Name?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
            && (method.Name.StartsWith("ExecuteDelete", StringComparison.Ordinal) || method.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal)));

    private static bool IsInfrastructure(Type type)
    {
        var assembly = type.Assembly.GetName().Name!;
        return assembly.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || typeof(DbContext).IsAssignableFrom(type);
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        IEnumerable<Type> direct =
        [
            .. (type.BaseType is { } baseType ? new[] { baseType } : []),
            .. type.GetInterfaces(),
            .. type.GetCustomAttributesData().Select(a => a.AttributeType),
            .. type.GetFields(all).Select(f => f.FieldType),
            .. type.GetProperties(all).Select(p => p.PropertyType),
            .. type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)),
            .. type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)),
            .. IlReader.MethodsOf(type).SelectMany(IlReader.CalledMethods).Select(m => m.DeclaringType).OfType<Type>(),
        ];
        return direct.SelectMany(Unwrap).Concat(type.GetNestedTypes(all).SelectMany(UsedTypes));
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.HasElementType ? Unwrap(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
        : [type];
}
