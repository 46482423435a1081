using Podium.Platform.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Platform.Audit;
using Podium.Platform.Data;

namespace Podium.Platform.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as an outbox message stored under <paramref name="name"/>. The name is what
    /// the table keeps: choose it once (e.g. <c>email.send</c>, <c>club.standings-changed</c>) and never reuse it.
    /// </summary>
    /// <param name="confidentialPayload">Never show the payload on the admin page (it holds links, tokens or private text).</param>
    public static IServiceCollection AddOutboxMessage<T>(this IServiceCollection services, string name, bool confidentialPayload = false)
        where T : notnull
    {
        OutboxTypes.ValidateName(name);
        services.AddSingleton(new OutboxMessageType(name, typeof(T), confidentialPayload, OutboxTypes.DeliverAsync<T>));
        return services;
    }

    /// <summary>Registers the one handler of <typeparamref name="T"/> (scoped: it may use the DbContext).</summary>
    public static IServiceCollection AddOutboxHandler<T, THandler>(this IServiceCollection services)
        where T : notnull
        where THandler : class, IOutboxHandler<T>
    {
        services.AddSingleton(new OutboxHandlerRegistration(typeof(T)));
        services.AddScoped<IOutboxHandler<T>, THandler>();
        return services;
    }

    internal static IHostApplicationBuilder AddPodiumOutbox(this IHostApplicationBuilder builder, PodiumRunMode mode)
    {
        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxRetryDelay >= o.RetryBaseDelay, "Podium:Outbox:MaxRetryDelay must not be shorter than RetryBaseDelay.")
            .ValidateOnStart();

        builder.Services.AddSingleton<OutboxTypes>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddScoped<OutboxDeliveryContext>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<IOutbox>(sp => sp.GetRequiredService<Outbox>());
        builder.Services.TryAddSingleton(sp => new OutboxBackoff(sp.GetRequiredService<IOptions<OutboxOptions>>(), Random.Shared));
        builder.Services.AddSingleton<OutboxMetrics>();
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddScoped(sp => new OutboxAdministration(
            sp.GetRequiredService<PodiumDbContext>(),
            sp.GetRequiredService<OutboxTypes>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<IRetentionRule, DeliveredOutboxRetentionRule>();

        // A CLI command runs and exits; delivering is the servers' work.
        if (mode == PodiumRunMode.Server)
        {
            builder.Services.AddHostedService<OutboxDispatcher>();
        }

        return builder;
    }
}
