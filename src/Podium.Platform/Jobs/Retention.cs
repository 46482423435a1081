using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Platform.Jobs;

/// <summary>
/// Rows of one kind that may go once they are old enough (a capability's extension point of the purge job).
/// Register as scoped: <c>services.AddScoped&lt;IRetentionRule, MyRule&gt;()</c>.
/// </summary>
public interface IRetentionRule
{
    /// <summary>For logs: what it deletes, e.g. <c>job runs older than 30 days</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> expired rows as of <paramref name="nowUtc"/> and returns how many it
    /// deleted; the purge job calls it again while it returns a full batch. <see cref="RetentionBatches"/> does the
    /// deleting for a rule that only needs a condition.
    /// </summary>
    Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken);
}

public static class RetentionBatches
{
    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> rows matching <paramref name="expired"/>, oldest keys first, in one
    /// statement (<c>DELETE … WHERE key IN (SELECT key … ORDER BY key LIMIT n)</c>), so a large backlog is removed in
    /// short transactions that never hold the write lock for long.
    /// </summary>
    public static Task<int> DeleteBatchAsync<T, TKey>(
        this DbSet<T> set, Expression<Func<T, bool>> expired, Expression<Func<T, TKey>> key, int batchSize, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = set.Where(expired).OrderBy(key).Select(key).Take(batchSize);

        // The outer row gets a parameter of its own: EF refuses one parameter object bound by two lambdas.
        var row = Expression.Parameter(typeof(T), "row");
        var inBatch = Expression.Lambda<Func<T, bool>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(TKey)], batch.Expression, new Rebind(key.Parameters[0], row).Visit(key.Body)),
            row);
        return set.Where(inBatch).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

internal sealed class JobRunsRetentionRule(PodiumDbContext db, IOptions<JobsOptions> options) : IRetentionRule
{
    private int Days => options.Value.Retention.JobRunsDays;

    public string Name => $"job runs older than {Days} days";

    public Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = nowUtc.AddDays(-Days);
        return db.Set<JobRun>().DeleteBatchAsync(r => r.FinishedAt < cutoff, r => r.Id, batchSize, cancellationToken);
    }
}

/// <summary>Sessions that ended (expired, or signed out) long enough ago that nobody needs to see them listed.</summary>
internal sealed class EndedSessionsRetentionRule(PodiumDbContext db, IOptions<JobsOptions> options) : IRetentionRule
{
    private int Days => options.Value.Retention.EndedSessionsDays;

    public string Name => $"sessions ended more than {Days} days ago";

    public Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = nowUtc.AddDays(-Days);
        return db.Set<UserSession>().DeleteBatchAsync(
            s => s.ExpiresAt < cutoff || (s.RevokedAt != null && s.RevokedAt < cutoff), s => s.Id, batchSize, cancellationToken);
    }
}

/// <summary>Runs every registered <see cref="IRetentionRule"/> until each has nothing left to delete.</summary>
internal sealed partial class PurgeExpiredDataJob(
    PodiumJobServices services,
    IEnumerable<IRetentionRule> rules,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<PurgeExpiredDataJob> logger) : PodiumJob(services)
{
    public const string Key = "purge-expired-data";

    protected override async Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var batchSize = options.Value.Retention.BatchSize;
        long total = 0;
        foreach (var rule in rules)
        {
            long deleted = 0;
            int batch;
            do
            {
                batch = await rule.DeleteExpiredBatchAsync(now, batchSize, cancellationToken);
                deleted += batch;
            }
            while (batch >= batchSize);

            LogPurged(logger, rule.Name, deleted);
            total += deleted;
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} row(s): {Rule}")]
    private static partial void LogPurged(ILogger logger, string rule, long count);
}
