using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Platform.Modules;
using Podium.Platform.Observability;

namespace Podium.Platform.Data;

internal static class DataExtensions
{
    public static IHostApplicationBuilder AddPodiumData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Resolved lazily so a missing Postgres connection string is reported by the command or start that needs it.
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);
            var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new DatabaseConnection(options.Provider, DatabaseSetup.ResolveConnectionString(options.Provider, configured, contentRoot));
        });

        builder.Services.AddSingleton<ModuleCatalog>();
        builder.Services.AddDbContextPool<PodiumDbContext>((sp, db) =>
        {
            var connection = sp.GetRequiredService<DatabaseConnection>();
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UsePodiumDatabase(
                connection.Provider,
                connection.ConnectionString,
                sp.GetRequiredService<ModuleCatalog>().ModelAssemblies,
                options.SqliteBusyTimeoutSeconds);
            // Capabilities that watch the database work (the outbox commit signal, slow-command warnings) register
            // interceptors as services.
            db.AddInterceptors(sp.GetServices<IInterceptor>());
        });

        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddHostedService<DatabaseStartup>();
        return builder;
    }
}
