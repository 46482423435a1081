using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Podium.Platform.Api;

namespace Podium.Tests.Api;

public sealed class ModelBindingTests
{
    [Fact]
    public void EmptyField_ForANonNullableString_StaysEmpty_WhileANullableStringAndOtherTypesStillGetNull()
    {
        ConvertsEmptyToNull(nameof(Form.Name)).ShouldBeFalse();
        ConvertsEmptyToNull(nameof(Form.Nickname)).ShouldBeTrue();
        ConvertsEmptyToNull(nameof(Form.Age)).ShouldBeTrue();
        var handler = typeof(Form).GetMethod(nameof(Form.OnPost))!.GetParameters();
        ConvertsEmptyToNull(handler[0]).ShouldBeFalse();
        ConvertsEmptyToNull(handler[1]).ShouldBeTrue();
    }

    private static bool ConvertsEmptyToNull(string property)
    {
        var info = typeof(Form).GetProperty(property)!;
        return ConvertsEmptyToNull(new DisplayMetadataProviderContext(
            ModelMetadataIdentity.ForProperty(info, info.PropertyType, typeof(Form)), ModelAttributes.GetAttributesForProperty(typeof(Form), info)));
    }

    private static bool ConvertsEmptyToNull(ParameterInfo parameter) =>
        ConvertsEmptyToNull(new DisplayMetadataProviderContext(ModelMetadataIdentity.ForParameter(parameter), ModelAttributes.GetAttributesForParameter(parameter)));

    private static bool ConvertsEmptyToNull(DisplayMetadataProviderContext context)
    {
        new NonNullableStringMetadataProvider().CreateDisplayMetadata(context);
        return context.DisplayMetadata.ConvertEmptyStringToNull;
    }

    private sealed class Form
    {
        public string Name { get; set; } = "";

        public string? Nickname { get; set; }

        public int? Age { get; set; }

        public static void OnPost(string reason, string? note) => _ = (reason, note);
    }
}
