using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Api;

internal static class ModelBindingExtensions
{
    /// <summary>How every page (the host's and every module's) binds what a form posts.</summary>
    public static IServiceCollection AddPodiumModelBinding(this IServiceCollection services) =>
        services.Configure<MvcOptions>(options => options.ModelMetadataDetailsProviders.Add(new NonNullableStringMetadataProvider()));
}

/// <summary>
/// A form field sent empty binds as an empty string, not null, to a string the code declares non-nullable
/// (<c>public string NewEmail { get; set; } = "";</c>). MVC turns empty strings into null by default, so a handler that
/// trusted its own declaration (<c>NewEmail.Trim()</c>) threw on an empty field, a 500 where the page should have said
/// "enter the new address". Validation is unchanged: [Required], and MVC's implicit required for non-nullable
/// properties, refuse "" as they refused null. Nullable strings (<c>string?</c>) still get null for an empty field.
/// </summary>
internal sealed class NonNullableStringMetadataProvider : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType != typeof(string))
        {
            return;
        }

        // NullabilityInfoContext caches per instance and is not thread-safe; metadata is created once per member and cached by MVC.
        var nullability = new NullabilityInfoContext();
        var state = context.Key switch
        {
            { MetadataKind: ModelMetadataKind.Property, PropertyInfo: { } property } => nullability.Create(property).WriteState,
            { MetadataKind: ModelMetadataKind.Parameter, ParameterInfo: { } parameter } => nullability.Create(parameter).WriteState,
            _ => NullabilityState.Unknown,
        };
        if (state == NullabilityState.NotNull)
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
