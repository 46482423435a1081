using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Podium.Platform.Data;
using Quartz;

namespace Podium.Platform.Jobs;

/// <summary>A job a capability or module registered: what the admin page lists and what start-up schedules.</summary>
public sealed record PodiumJobRegistration(string Key, Type JobType, JobSchedule DefaultSchedule, string Description)
{
    /// <summary>The operator's schedule from <c>Podium:Jobs:Schedules:{key}</c>, else the default.</summary>
    public JobSchedule ScheduleFrom(JobsOptions options) =>
        options.Schedules.TryGetValue(Key, out var configured) && JobSchedule.TryParse(configured, out var schedule) ? schedule : DefaultSchedule;
}

public static class JobsExtensions
{
    /// <summary>The scheduler's name: the one every node of a cluster shares (the <c>sched_name</c> column).</summary>
    public const string SchedulerName = "Podium";

    public const string JobGroup = "podium";

    public const string TablePrefix = "platform_qrtz_";

    /// <summary>
    /// Quartz with its job store in Podium's database (clustered on PostgreSQL), the run history, and the purge job.
    /// The scheduler starts only when this process serves; CLI commands never fire jobs.
    /// </summary>
    public static IHostApplicationBuilder AddPodiumJobs(this IHostApplicationBuilder builder, PodiumRunMode mode)
    {
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        builder.Services.TryAddSingleton<JobMetrics>();
        builder.Services.AddSingleton(sp => new PodiumJobServices(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<JobMetrics>(),
            sp.GetRequiredService<IOptions<JobsOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PodiumJob>>()));
        builder.Services.AddScoped<JobAdministration>();

        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.UsePersistentStore(store =>
            {
                // The schema belongs to our migrations (…AddJobScheduler); Quartz only checks it is there.
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = TablePrefix;
                    options.SchemaProvisioning = SchemaProvisioning.Validate;

                    // The misfire and check-in threads must never keep a stopping process alive (the host owns shutdown).
                    options.UseBackgroundThreads = true;
                });
                var provider = builder.Configuration.GetValue(DatabaseOptions.SectionName + ":Provider", DatabaseProvider.Sqlite);
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(source => source.DataSourceFactory = sp => NpgsqlDataSource.Create(ConnectionString(sp)));
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(source => source.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(ConnectionString(sp)));
                }
            });
        });

        // What the lambdas above cannot know at registration time (the options) is applied when the options are
        // first resolved, from the same sources the rest of Podium reads.
        builder.Services.AddOptions<QuartzSchedulerOptions>().Configure<IOptions<JobsOptions>>((scheduler, jobs) => ConfigureScheduler(scheduler, jobs.Value));
        builder.Services.AddOptions<ThreadPoolOptions>().Configure<IOptions<JobsOptions>>((pool, jobs) => pool.MaxConcurrency = jobs.Value.MaxConcurrency);
        builder.Services.AddOptions<ClusteringOptions>().Configure<IOptions<JobsOptions>>((cluster, jobs) =>
        {
            cluster.CheckinInterval = TimeSpan.FromSeconds(jobs.Value.ClusterCheckinIntervalSeconds);
            cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(jobs.Value.ClusterCheckinMisfireThresholdSeconds);
        });
        builder.Services.Configure<QuartzOptions>(options => options.Scheduling.IgnoreDuplicates = true);

        if (mode == PodiumRunMode.Server && builder.Configuration.GetValue(JobsOptions.SectionName + ":Enabled", true))
        {
            // Registered after the database's start-up service, so the schema is migrated before Quartz looks at it.
            builder.Services.AddHostedService<JobScheduleSync>();
            builder.Services.AddQuartzHostedService(options =>
            {
                options.WaitForJobsToComplete = true;
                options.AwaitApplicationStarted = true;
            });
        }

        builder.AddPodiumJob<PurgeExpiredDataJob>(
            PurgeExpiredDataJob.Key, JobSchedule.CronUtc("0 30 3 * * ?"), "Deletes rows past their retention period (job runs, ended sessions, …).");
        builder.Services.AddScoped<IRetentionRule, JobRunsRetentionRule>();
        builder.Services.AddScoped<IRetentionRule, EndedSessionsRetentionRule>();
        return builder;
    }

    /// <summary>
    /// Registers a job with its default schedule. Operators replace the schedule with
    /// <c>Podium:Jobs:Schedules:{key}</c> (a cron expression in UTC or an interval such as <c>00:15:00</c>).
    /// </summary>
    /// <param name="key">Lower-case, dashed, unique: <c>club-import-results</c>.</param>
    public static IHostApplicationBuilder AddPodiumJob<TJob>(this IHostApplicationBuilder builder, string key, JobSchedule schedule, string description)
        where TJob : PodiumJob
    {
        builder.Services.AddPodiumJob<TJob>(key, schedule, description);
        return builder;
    }

    /// <inheritdoc cref="AddPodiumJob{TJob}(IHostApplicationBuilder, string, JobSchedule, string)"/>
    public static IServiceCollection AddPodiumJob<TJob>(this IServiceCollection services, string key, JobSchedule schedule, string description)
        where TJob : PodiumJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(schedule);
        if (key.Length > 100 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Job key '{key}' must be lower-case letters, digits and dashes, at most 100 characters.", nameof(key));
        }

        if (services.Any(d => d.ServiceType == typeof(PodiumJobRegistration) && d.ImplementationInstance is PodiumJobRegistration r && r.Key == key))
        {
            throw new InvalidOperationException($"A job with key '{key}' is already registered.");
        }

        services.AddSingleton(new PodiumJobRegistration(key, typeof(TJob), schedule, description));
        services.AddScoped<TJob>();
        return services;
    }

    // The same resolved string as EF's (for SQLite: the file under the content root), so both talk to one database.
    private static string ConnectionString(IServiceProvider services) => services.GetRequiredService<DatabaseConnection>().ConnectionString;

    private static void ConfigureScheduler(QuartzSchedulerOptions scheduler, JobsOptions jobs)
    {
        scheduler.InstanceName = SchedulerName;
        scheduler.IdleWaitTime = TimeSpan.FromSeconds(jobs.IdleWaitSeconds);
        if (string.Equals(jobs.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
        {
            scheduler.GenerateInstanceId = true;
        }
        else
        {
            scheduler.InstanceId = jobs.InstanceId;
            scheduler.GenerateInstanceId = false;
        }
    }
}
