using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Podium.Platform.Data;

/// <summary>
/// Guid primary keys are made in code (<c>Guid.CreateVersion7()</c> in the entity's initializer, the house rule), so
/// they are configured <see cref="ValueGenerated.Never"/>. EF's default for a Guid key, "generated on add", makes it
/// take a new entity met only through a navigation (<c>tournament.Results.Add(result)</c>) for an existing row, because
/// its key is already set: it UPDATEs a row that is not there and the save fails. Never-generated keys are inserted.
/// </summary>
/// <remarks>
/// ASP.NET Core Identity's keys (declared by its own base classes) keep Identity's configuration: its stores add their
/// entities explicitly, and its model is the framework's to define. An explicit <c>ValueGeneratedOnAdd()</c> in an
/// entity's configuration still wins over this convention.
/// </remarks>
internal sealed class GuidKeysSetInCodeConvention : IModelFinalizingConvention
{
    private static readonly System.Reflection.Assembly IdentityStores = typeof(IdentityUser<>).Assembly;

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entityType.FindPrimaryKey() is { Properties: [var key] } && AppliesTo(key))
            {
                key.Builder.ValueGenerated(ValueGenerated.Never);
            }
        }
    }

    internal static bool AppliesTo(IReadOnlyProperty key) =>
        key.ClrType == typeof(Guid) && key.PropertyInfo?.DeclaringType?.Assembly != IdentityStores;
}
